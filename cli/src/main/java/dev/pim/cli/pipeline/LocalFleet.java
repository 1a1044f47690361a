package dev.pim.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.aws.Backoff;
import dev.pim.fleet.FleetSelector;
import dev.pim.fleet.FleetStatus;
import dev.pim.app.FunctionSettings;
import dev.pim.ledger.DynamoDbFleetLedger;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.lambda.SqsEventSourceMapping;
import dev.pim.local.lambda.SqsTrigger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The fleet half of the deployed pipeline, on the local cloud: the queues of {@code template.yaml} (with their
 * redrive policies) in its SQS, the functions' SQS triggers as event source mappings, and the fleet functions'
 * settings, given to the pipeline's functions as the stack's variables would be. The schedule is simulated by invoking the
 * scan function through the Lambda API, as EventBridge Scheduler invokes it.
 */
public final class LocalFleet implements AutoCloseable {
    public static final String SCAN_FUNCTION = "FleetScanFunction";
    public static final String MIGRATION_QUEUE = "MigrationQueue";
    public static final String MIGRATION_DEAD_LETTER_QUEUE = "MigrationDeadLetterQueue";
    public static final String RESULTS_QUEUE = "ResultsQueue";
    /** Variables the local run has no use for (Powertools' names, JVM flags). */
    private static final Set<String> NOT_NEEDED_LOCALLY = Set.of("POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE",
            "POWERTOOLS_LOG_LEVEL", "JAVA_TOOL_OPTIONS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalCloud cloud;
    private final LocalPipeline pipeline;
    private final String region;
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final List<SqsEventSourceMapping> mappings = new ArrayList<>();
    private FunctionSettings before;

    /**
     * What the stack's fleet parameters would say.
     *
     * @param deferral how long a request over the cap waits (seconds on AWS; locally, a second does)
     */
    public record Settings(List<String> regions, List<String> memberAccounts, String memberRoleName,
                           int maxRunningMigrations, Duration deferral, boolean restartWorkloads,
                           boolean removeIrsaAnnotation, boolean removeOidcTrust) {
        public static final String MEMBER_ROLE = "PodIdentityMigratorMember";

        /**
         * The fleet a fixture describes: its first account runs the pipeline, the others are members (reached
         * through {@link #MEMBER_ROLE}), every region of any account is scanned.
         *
         * @param cleanup whether migrations restart workloads, remove annotations and strip OIDC trust
         */
        public static Settings of(Fixture fixture, int maxRunningMigrations, boolean cleanup) {
            List<String> members = fixture.accounts().stream().skip(1).map(Fixture.Account::id).toList();
            List<String> regions = fixture.accounts().stream().flatMap(a -> a.regions().stream()).map(Fixture.Region::name)
                    .distinct().toList();
            return new Settings(regions, members, MEMBER_ROLE, maxRunningMigrations, Duration.ofSeconds(1),
                    cleanup, cleanup, cleanup);
        }
    }

    public LocalFleet(LocalCloud cloud, LocalPipeline pipeline, String region) {
        this.cloud = cloud;
        this.pipeline = pipeline;
        this.region = region;
    }

    /**
     * Creates the queues and the event source mappings (stopped) and sets the fleet functions' environment.
     * The pipeline must be deployed first: the dispatcher starts its state machine.
     */
    public void deploy(Settings settings) {
        PipelineTemplate template = PipelineTemplate.load();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).overrideConfiguration(LocalPipeline.deploying()).build()) {
            createQueues(sqs, template.queues());
        }
        Map<String, String> values = localValues(settings);
        Map<String, String> given = new LinkedHashMap<>();
        for (String function : List.of(SCAN_FUNCTION, "DispatchFunction")) {
            PipelineTemplate.Function declared = template.functions().get(function);
            if (declared == null) {
                throw new IllegalStateException("template.yaml has no " + function);
            }
            for (String variable : declared.environment()) {
                if (NOT_NEEDED_LOCALLY.contains(variable)) {
                    continue;
                }
                String value = values.get(variable);
                if (value == null) {
                    throw new IllegalStateException("template.yaml gives " + function + " the variable " + variable
                            + ", which the local pipeline does not know how to set");
                }
                given.put(variable, value);
            }
        }
        before = pipeline.settings();
        pipeline.configure(FunctionSettings.fromVariables(pipeline.variables(given)::get));
        for (PipelineTemplate.SqsTrigger t : template.sqsTriggers()) {
            String functionArn = PipelineTemplate.functionArn(region, pipeline.account(), t.function());
            mappings.add(cloud.eventSourceMappings().create(SqsTrigger.of(queueUrl(t.queue()), functionArn)
                    .withBatchSize(t.batchSize())
                    .withMaximumBatchingWindow(Duration.ofSeconds(t.maximumBatchingWindowSeconds()))
                    .withReportBatchItemFailures(t.reportBatchItemFailures())));
        }
    }

    /** The value of each variable the template gives the fleet functions, for this local run. */
    private Map<String, String> localValues(Settings s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("JOURNAL_TABLE", LocalPipeline.JOURNAL_TABLE);
        values.put("RESULTS_QUEUE_URL", queueUrl(RESULTS_QUEUE));
        values.put("DEFAULT_MAX_CONCURRENCY", "4");
        values.put("FLEET_REGIONS", String.join(",", s.regions()));
        values.put("MEMBER_ACCOUNT_IDS", String.join(",", s.memberAccounts()));
        values.put("MEMBER_ROLE_NAME", s.memberRoleName());
        values.put("CLUSTER_NAME_PATTERN", ".*");
        values.put("CLUSTER_TAG", "");
        values.put("OPT_OUT_TAG", FleetSelector.DEFAULT_OPT_OUT_TAG);
        values.put("FLEET_RESTART_WORKLOADS", Boolean.toString(s.restartWorkloads()));
        values.put("FLEET_REMOVE_IRSA_ANNOTATION", Boolean.toString(s.removeIrsaAnnotation()));
        values.put("FLEET_REMOVE_OIDC_TRUST", Boolean.toString(s.removeOidcTrust()));
        values.put("MIGRATION_QUEUE_URL", queueUrl(MIGRATION_QUEUE));
        values.put("SCAN_CONCURRENCY", "4");
        values.put("STATE_MACHINE_ARN", pipeline.stateMachineArn());
        values.put("MAX_RUNNING_MIGRATIONS", Integer.toString(s.maxRunningMigrations()));
        values.put("DEFERRAL_SECONDS", Long.toString(s.deferral().toSeconds()));
        return values;
    }

    private void createQueues(SqsClient sqs, Map<String, PipelineTemplate.Queue> queues) {
        // Dead-letter queues first: a redrive policy names its target's ARN.
        queues.forEach((name, q) -> {
            if (q.deadLetterQueue() == null) {
                queueUrls.put(name, sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(q.visibilityTimeoutSeconds())))).queueUrl());
            }
        });
        queues.forEach((name, q) -> {
            if (q.deadLetterQueue() != null) {
                String target = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl(q.deadLetterQueue()))
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                String redrive = JSON.createObjectNode().put("deadLetterTargetArn", target)
                        .put("maxReceiveCount", q.maxReceiveCount()).toString();
                queueUrls.put(name, sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(q.visibilityTimeoutSeconds()),
                        QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl());
            }
        });
    }

    /** Starts the event source mappings' background polling. */
    public void start() {
        mappings.forEach(SqsEventSourceMapping::start);
    }

    public List<SqsEventSourceMapping> mappings() {
        return List.copyOf(mappings);
    }

    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalStateException("template.yaml declares no queue " + logicalId);
        }
        return url;
    }

    /** What the schedule does: invokes the scan function (synchronously) and returns its answer. */
    public JsonNode scan(String requestId) {
        String payload = JSON.createObjectNode().put("source", "schedule").put("requestId", requestId).toString();
        // A synchronous invoke lasts as long as the function: up to its 15-minute timeout.
        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(15)).build())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(15)).retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            InvokeResponse response = lambda.invoke(r -> r.functionName(SCAN_FUNCTION).payload(SdkBytes.fromUtf8String(payload)));
            String body = response.payload().asString(StandardCharsets.UTF_8);
            if (response.functionError() != null) {
                throw new IllegalStateException("the fleet scan failed: " + body);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the fleet scan's answer is not JSON", e);
        }
    }

    /**
     * Waits until nothing is left to do: the migration queue empty (in flight and delayed messages included) and
     * no execution running; {@code progress} sees the fleet's status between checks.
     *
     * @return whether it settled before the timeout
     */
    public boolean awaitSettled(Duration timeout, Duration poll, Consumer<FleetStatus> progress) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (SqsClient sqs = sqsClient(); SfnClient sfn = pipeline.sfnClient()) {
            while (Instant.now().isBefore(deadline)) {
                progress.accept(status());
                // The queue first: a request leaves it only once its execution runs (or it was sent again).
                if (messagesLeft(sqs, queueUrl(MIGRATION_QUEUE)) == 0 && sfn.listExecutions(r -> r
                        .stateMachineArn(pipeline.stateMachineArn()).statusFilter(ExecutionStatus.RUNNING).maxResults(1))
                        .executions().isEmpty()) {
                    return true;
                }
                Thread.sleep(poll.toMillis());
            }
        }
        return false;
    }

    /** Visible, in flight and delayed messages of a queue. */
    public int messagesLeft(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** The fleet summary, from the ledger table. */
    public FleetStatus status() {
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region))
                .credentialsProvider(credentials()).build()) {
            return FleetStatus.of(new DynamoDbFleetLedger(dynamo, LocalPipeline.JOURNAL_TABLE, Backoff.standard()));
        }
    }

    public SqsClient sqsClient() {
        return SqsClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(region)).credentialsProvider(credentials()).build();
    }

    /** Stops the mappings and takes the fleet settings away. */
    @Override
    public void close() {
        mappings.forEach(SqsEventSourceMapping::stop);
        if (before != null) {
            pipeline.configure(before);
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
