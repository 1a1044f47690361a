package dev.pim.cli.pipeline;

import dev.pim.app.ExecutionEnvironment;
import dev.pim.app.FunctionSettings;
import dev.pim.app.Wiring;
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

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deployed pipeline, deployed on the local cloud instead: the journal table in its DynamoDB, the state
 * machine from {@code statemachine/} with its {@code DefinitionSubstitutions}, and each function's handler
 * registered with the local Step Functions, which invoke them in-process. The handlers share one execution
 * environment, built by the composition root from explicit settings (the variables the stack would give them,
 * with this cloud's endpoint): nothing global, so one JVM can hold several pipelines.
 */
public final class LocalPipeline implements AutoCloseable {
    public static final String JOURNAL_TABLE = "pim-journal";

    private final LocalCloud cloud;
    private final String region;
    private final String account;
    private final RecordingMetrics metrics = new RecordingMetrics();
    private String stateMachineArn;
    private PipelineTemplate template;
    private ExecutionEnvironment environment;

    public LocalPipeline(LocalCloud cloud, String region, String account) {
        this.cloud = cloud;
        this.region = region;
        this.account = account;
    }

    /** Creates the table and the state machine and registers the handlers; returns the state machine's ARN. */
    public String deploy() {
        template = PipelineTemplate.load();
        // Powertools keeps one metrics provider per JVM: the pipeline deployed last records the handlers' metrics.
        MetricsFactory.setMetricsProvider(() -> metrics);
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).overrideConfiguration(deploying()).build()) {
            JournalTable.create(dynamo, JOURNAL_TABLE);
        }
        configure(FunctionSettings.fromVariables(variables(Map.of())::get));
        try (SfnClient sfn = SfnClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).overrideConfiguration(deploying()).build()) {
            stateMachineArn = sfn.createStateMachine(r -> r.name(PipelineTemplate.STATE_MACHINE)
                    .definition(template.definitionFor(region, account))
                    .roleArn("arn:aws:iam::" + account + ":role/pim-state-machine")).stateMachineArn();
        }
        return stateMachineArn;
    }

    /**
     * Gives every function of the pipeline a new execution environment built from {@code settings} (the one
     * before is closed): as a redeployment with other environment variables would.
     */
    public synchronized void configure(FunctionSettings settings) {
        if (template == null) {
            throw new IllegalStateException("deploy the pipeline first");
        }
        ExecutionEnvironment previous = environment;
        environment = Wiring.environment(settings);
        HandlerEnvironment handlers = new HandlerEnvironment(environment);
        template.functions().forEach((name, function) -> cloud.stepFunctions().lambdas()
                .register(PipelineTemplate.functionArn(region, account, name), function.handlerClass(),
                        HandlerFactory.of(function.handlerClass(), () -> handlers), function.timeout()));
        if (previous != null) {
            previous.close();
        }
    }

    /** The settings the functions run with now. */
    public synchronized FunctionSettings settings() {
        return environment.settings();
    }

    /**
     * The variables the stack gives every function, as on this cloud, with {@code more} on top (the fleet
     * functions' settings): what {@link FunctionSettings#fromVariables} reads.
     */
    public Map<String, String> variables(Map<String, String> more) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AWS_REGION", region);
        variables.put("AWS_ENDPOINT_URL", cloud.endpoint().toString());
        variables.put("JOURNAL_TABLE", JOURNAL_TABLE);
        variables.putAll(more);
        return variables;
    }

    /** Closes the functions' execution environment: their SDK clients and cluster sessions. */
    @Override
    public synchronized void close() {
        if (environment != null) {
            environment.close();
        }
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

    /** The metrics the handlers emitted since this pipeline was deployed, summed by name. */
    public Map<String, Double> metrics() {
        return metrics.totals();
    }

    /** For a deployment's clients: the local cloud lets their calls through while it holds everyone else's. */
    static ClientOverrideConfiguration deploying() {
        return ClientOverrideConfiguration.builder().putHeader(DeploymentGate.HEADER, "true").build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
