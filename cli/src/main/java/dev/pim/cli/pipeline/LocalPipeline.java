package dev.pim.cli.pipeline;

import dev.pim.handler.HandlerEnvironment;
import dev.pim.ledger.JournalTable;
import dev.pim.local.LocalCloud;
import dev.pim.local.server.DeploymentGate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

import java.util.Map;

/**
 * The deployed pipeline, deployed on the local cloud instead: the journal table in its DynamoDB, the state
 * machine from {@code statemachine/} with its {@code DefinitionSubstitutions}, and each function's handler class
 * registered with the local Step Functions, which invoke them in-process. The handlers then build their SDK
 * clients as on Lambda; the local Step Functions points them at the local cloud with the SDK's system
 * properties, and {@code JOURNAL_TABLE}'s fallback property names the table.
 */
public final class LocalPipeline {
    public static final String JOURNAL_TABLE = "pim-journal";
    private static final RecordingMetrics METRICS = new RecordingMetrics();

    private final LocalCloud cloud;
    private final String region;
    private final String account;
    private String stateMachineArn;

    public LocalPipeline(LocalCloud cloud, String region, String account) {
        this.cloud = cloud;
        this.region = region;
        this.account = account;
    }

    /** Creates the table and the state machine and registers the handlers; returns the state machine's ARN. */
    public String deploy() {
        PipelineTemplate template = PipelineTemplate.load();
        System.setProperty("pim.journalTable", JOURNAL_TABLE);
        MetricsFactory.setMetricsProvider(() -> METRICS);
        // The handlers' shared environment is rebuilt against this cloud on their next invocation.
        HandlerEnvironment.useShared(null);
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).overrideConfiguration(deploying()).build()) {
            JournalTable.create(dynamo, JOURNAL_TABLE);
        }
        template.functions().forEach((name, function) -> cloud.stepFunctions().lambdas()
                .register(PipelineTemplate.functionArn(region, account, name), function.handlerClass(), function.timeout()));
        try (SfnClient sfn = SfnClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).overrideConfiguration(deploying()).build()) {
            stateMachineArn = sfn.createStateMachine(r -> r.name(PipelineTemplate.STATE_MACHINE)
                    .definition(template.definitionFor(region, account))
                    .roleArn("arn:aws:iam::" + account + ":role/pim-state-machine")).stateMachineArn();
        }
        return stateMachineArn;
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    /** A Step Functions client for this cloud, signed with the local cloud's test key. */
    public SfnClient sfnClient() {
        return SfnClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).build();
    }

    /** The metrics the handlers emitted, summed by name. */
    public static Map<String, Double> metrics() {
        return METRICS.totals();
    }

    /** For a deployment's clients: the local cloud lets their calls through while it holds everyone else's. */
    static ClientOverrideConfiguration deploying() {
        return ClientOverrideConfiguration.builder().putHeader(DeploymentGate.HEADER, "true").build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
