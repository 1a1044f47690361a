package dev.pim.integration.pipeline;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.app.ExecutionEnvironment;
import dev.pim.app.FleetSettings;
import dev.pim.app.FunctionSettings;
import dev.pim.aws.Backoff;
import dev.pim.handler.AgentStatusHandler;
import dev.pim.handler.CreateAssociationsHandler;
import dev.pim.handler.DiscoverHandler;
import dev.pim.handler.EnsureAgentHandler;
import dev.pim.handler.HandlerEnvironment;
import dev.pim.handler.InvalidInputException;
import dev.pim.handler.MigrateAddonHandler;
import dev.pim.handler.MigrateRoleBatchHandler;
import dev.pim.handler.RoleBatch;
import dev.pim.handler.StripOidcTrustBatchHandler;
import dev.pim.handler.PreflightHandler;
import dev.pim.handler.RemoveAnnotationsHandler;
import dev.pim.handler.ReportHandler;
import dev.pim.handler.RestartWorkloadsHandler;
import dev.pim.handler.StepRequest;
import dev.pim.handler.StripOidcTrustHandler;
import dev.pim.handler.UpdateTrustHandler;
import dev.pim.handler.VerifyHandler;
import dev.pim.integration.TestCredentials;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.DynamoDbPlanStore;
import dev.pim.ledger.JournalTable;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.apply.Sleeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each Lambda handler run with its sample event from {@code events/handlers/} against the local cloud, through
 * the real DynamoDB journal; the run id of the events is replaced by a run this test opened.
 */
@ExtendWith(TestCredentials.class)
class HandlerEventsIntegrationTest {
    static final String TABLE = "pim-journal";
    static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 8, Duration.ofSeconds(5));

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    private Supplier<HandlerEnvironment> env;

    @BeforeEach
    void environment() {
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        JournalTable.create(dynamo, TABLE);
        FunctionSettings settings = new FunctionSettings("us-west-2", cloud.endpoint(), TABLE, true, 4, null,
                FunctionSettings.DEFAULT_SESSION_CAPACITY, FleetSettings.NONE);
        HandlerEnvironment built = new HandlerEnvironment(new ExecutionEnvironment(settings, new ExecutionEnvironment.Ledger(
                new DynamoDbJournal(dynamo, TABLE, FAST, Clock.systemUTC()), new DynamoDbPlanStore(dynamo, TABLE, FAST),
                new dev.pim.ledger.InProcessRoleLeases(), new dev.pim.ledger.DynamoDbFleetLedger(dynamo, TABLE, FAST)),
                dev.pim.fleet.Results.NONE, Clock.systemUTC(), Sleeper.REAL, Duration.ofMillis(25), FAST));
        env = () -> built;
    }

    /** Preflight with the console's event, then discovery: a run with a plan, as the state machine leaves it. */
    private StepRequest openRun(StepRequest event) {
        JsonNode preflight = Handlers.invoke(new PreflightHandler(env), new PreflightHandler.Request(event.input(), event.executionId()));
        StepRequest run = new StepRequest(event.input(), preflight.get("runId").asText(), event.roleIndex(), event.addon(),
                event.waitStartedAt(), event.executionId());
        Handlers.invoke(new DiscoverHandler(env), run);
        return run;
    }

    /** The agent, installed and running, as the state machine has it before any association is made. */
    private void installAgent(StepRequest run) {
        JsonNode started = Handlers.invoke(new EnsureAgentHandler(env), run);
        // ACTIVE already when the machine is slow enough for the add-on's 100 ms settle time to pass in between.
        assertThat(started.get("state").asText()).isIn("CREATING", "ACTIVE");
        assertThat(started.get("waitSeconds").asInt()).as("the first wait is the shortest").isEqualTo(1);
        String state = started.get("state").asText();
        for (int i = 0; i < 50 && !state.equals("ACTIVE"); i++) {
            sleep(50);
            state = Handlers.invoke(new AgentStatusHandler(env), new StepRequest(run.input(), run.runId(), null, null,
                    started.get("startedAt").asLong(), run.executionId())).get("state").asText();
        }
        assertThat(state).isEqualTo("ACTIVE");
    }

    @ParameterizedTest
    @Event(value = "events/handlers/preflight.json", type = PreflightHandler.Request.class)
    void preflightValidatesTheInputAndOpensARun(PreflightHandler.Request event) {
        JsonNode result = Handlers.invoke(new PreflightHandler(env), event);
        assertThat(result.get("passed").asBoolean()).isTrue();
        assertThat(result.get("runId").asText()).matches("\\d{8}T\\d{6}Z-\\w{4}");
        assertThat(result.get("agent").asText()).isEqualTo("ABSENT");
        assertThat(result.at("/input/region").asText()).isEqualTo("us-west-2");
        assertThat(result.at("/input/maxConcurrency").asInt()).isEqualTo(4);
        assertThat(cloud.counters().mutatingSnapshot()).allSatisfy((op, n) -> assertThat(op).startsWith("dynamodb:"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"input\": {}}|input field 'cluster' is required",
            "{\"input\": {\"cluster\": \"demo\", \"colour\": \"blue\"}}|unknown field 'input.colour'",
            "{\"input\": {\"cluster\": \"demo\", \"maxConcurrency\": \"four\"}}|field 'input.maxConcurrency'",
            "{\"input\": {\"cluster\": \"demo\", \"maxConcurrency\": -1}}|input field 'maxConcurrency' must be within 1..40, got -1",
            "{\"input\": {\"cluster\": \"demo\", \"removeOidcTrust\": true}}|need 'approve': true",
    })
    void badExecutionInputFailsNamingTheField(String event, String message) {
        assertThatThrownBy(() -> Handlers.invokeRaw(new PreflightHandler(env), event))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
        assertThat(cloud.counters().mutatingSnapshot().keySet()).as("only the test's own table was created")
                .allMatch(op -> op.startsWith("dynamodb:"));
    }

    @ParameterizedTest
    @Event(value = "events/handlers/ensure-agent.json", type = StepRequest.class)
    void ensureAgentInstallsAndAgentStatusWaitsForIt(StepRequest event) {
        StepRequest run = openRun(event);
        installAgent(run);
        assertThat(cloud.counters().count("eks:CreateAddon")).isEqualTo(1);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/agent-status.json", type = StepRequest.class)
    void agentStatusTimesOutAfterTheInputsTimeout(StepRequest event) {
        StepRequest run = openRun(event);
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofHours(1));
        Handlers.invoke(new EnsureAgentHandler(env), run);
        JsonNode status = Handlers.invoke(new AgentStatusHandler(env), new StepRequest(run.input(), run.runId(), null, null,
                event.waitStartedAt(), run.executionId()));
        assertThat(status.get("state").asText()).isEqualTo("TIMED_OUT");
    }

    @ParameterizedTest
    @Event(value = "events/handlers/discover.json", type = StepRequest.class)
    void discoverPlansAndHandsBackOnlyReferences(StepRequest event) {
        JsonNode preflight = Handlers.invoke(new PreflightHandler(env), new PreflightHandler.Request(event.input(), event.executionId()));
        JsonNode result = Handlers.invoke(new DiscoverHandler(env), new StepRequest(event.input(), preflight.get("runId").asText(),
                null, null, null, event.executionId()));
        assertThat(result.get("bindings").asInt()).isEqualTo(18);
        assertThat(result.get("roleIndexes")).hasSize(17);
        assertThat(result.get("addons")).extracting(JsonNode::asText).containsExactly("aws-ebs-csi-driver", "vpc-cni");
    }

    @ParameterizedTest
    @Event(value = "events/handlers/update-trust.json", type = StepRequest.class)
    void updateTrustWritesOnceThenNothing(StepRequest event) {
        StepRequest run = openRun(event);
        assertThat(Handlers.invoke(new UpdateTrustHandler(env), run).get("done").asInt()).isEqualTo(1);
        assertThat(Handlers.invoke(new UpdateTrustHandler(env), run).get("unchanged").asInt()).isEqualTo(1);
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isEqualTo(1);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/create-associations.json", type = StepRequest.class)
    void createAssociationsAfterTheTrust(StepRequest event) {
        StepRequest run = openRun(event);
        installAgent(run);
        Handlers.invoke(new UpdateTrustHandler(env), run);
        JsonNode result = Handlers.invoke(new CreateAssociationsHandler(env), run);
        assertThat(result.get("done").asInt()).isEqualTo(1);
        assertThat(Handlers.invoke(new CreateAssociationsHandler(env), run).get("failed").asInt())
                .as("an existing association with the same role counts as done").isZero();
    }

    /**
     * A batch event as the handler reads it: the test library loads the sample (into a map, since its own JSON ignores
     * the event's field names), the handler's JSON binds it.
     */
    private static RoleBatch batchEvent(Map<String, Object> sample) {
        return Handlers.JSON.convertValue(sample, RoleBatch.class);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/migrate-role-batch.json", type = Map.class)
    void migrateRoleBatchMigratesItsRolesOnceThenWritesNothing(Map<String, Object> sample) {
        RoleBatch event = batchEvent(sample);
        StepRequest run = openRun(event.run());
        installAgent(run);
        RoleBatch batch = new RoleBatch(run, event.roles());
        JsonNode first = Handlers.invoke(new MigrateRoleBatchHandler(env), batch);
        assertThat(first.get("roles").asInt()).isEqualTo(3);
        assertThat(first.get("done").asInt()).isPositive();
        assertThat(first.has("crashed")).isFalse();
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isEqualTo(3);
        JsonNode again = Handlers.invoke(new MigrateRoleBatchHandler(env), batch);
        assertThat(again.get("done").asInt()).isZero();
        assertThat(again.get("failed").asInt()).isEqualTo(first.get("failed").asInt());
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).as("no trust policy written again").isEqualTo(3);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/strip-oidc-trust-batch.json", type = Map.class)
    void stripOidcTrustBatchNeedsTheVerificationFirst(Map<String, Object> sample) {
        RoleBatch event = batchEvent(sample);
        StepRequest run = openRun(event.run());
        migrateEveryRole(run);
        RoleBatch batch = new RoleBatch(run, event.roles());
        assertThatThrownBy(() -> Handlers.invoke(new StripOidcTrustBatchHandler(env), batch))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no verification yet");
        Handlers.invoke(new RestartWorkloadsHandler(env), run);
        Handlers.invoke(new VerifyHandler(env), run);
        JsonNode stripped = Handlers.invoke(new StripOidcTrustBatchHandler(env), batch);
        assertThat(stripped.get("roles").asInt()).as(stripped.toString()).isEqualTo(3);
        assertThat(stripped.get("done").asInt()).as(stripped.toString()).isEqualTo(3);
        long trustWrites = cloud.counters().count("iam:UpdateAssumeRolePolicy");
        JsonNode again = Handlers.invoke(new StripOidcTrustBatchHandler(env), batch);
        assertThat(again.get("done").asInt()).as(again.toString()).isZero();
        assertThat(again.get("failed").asInt()).as(again.toString()).isZero();
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isEqualTo(trustWrites);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/migrate-addon.json", type = StepRequest.class)
    void migrateAddonStartsTheUpdateAndIsPolledUntilActive(StepRequest event) {
        StepRequest run = openRun(event);
        installAgent(run);
        int role = roleIndexOf(run, "demo-ebs-csi");
        Handlers.invoke(new UpdateTrustHandler(env), new StepRequest(run.input(), run.runId(), role, null, null, run.executionId()));
        JsonNode first = Handlers.invoke(new MigrateAddonHandler(env), run);
        assertThat(first.get("status").asText()).isEqualTo("UPDATING");
        sleep(150);
        JsonNode again = Handlers.invoke(new MigrateAddonHandler(env), new StepRequest(run.input(), run.runId(), null,
                run.addon(), first.get("startedAt").asLong(), run.executionId()));
        assertThat(again.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(cloud.counters().count("eks:UpdateAddon")).isEqualTo(1);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/report.json", type = ReportHandler.Request.class)
    void theWholeSequenceEndsInASucceededReport(ReportHandler.Request event) {
        StepRequest run = openRun(new StepRequest(event.input(), event.runId(), null, null, null, event.executionId()));
        installAgent(run);
        JsonNode discovery = Handlers.invoke(new DiscoverHandler(env), run);
        for (JsonNode index : discovery.get("roleIndexes")) {
            StepRequest role = new StepRequest(run.input(), run.runId(), index.asInt(), null, null, run.executionId());
            Handlers.invoke(new UpdateTrustHandler(env), role);
            Handlers.invoke(new CreateAssociationsHandler(env), role);
        }
        for (JsonNode addon : discovery.get("addons")) {
            StepRequest request = new StepRequest(run.input(), run.runId(), null, addon.asText(), null, run.executionId());
            Handlers.invoke(new MigrateAddonHandler(env), request);
        }
        sleep(150);
        Handlers.invoke(new RestartWorkloadsHandler(env), run);
        Handlers.invoke(new RemoveAnnotationsHandler(env), run);
        JsonNode verified = Handlers.invoke(new VerifyHandler(env), run);
        assertThat(verified.get("verified").asInt()).isEqualTo(18);
        for (JsonNode index : discovery.get("roleIndexes")) {
            Handlers.invoke(new StripOidcTrustHandler(env), new StepRequest(run.input(), run.runId(), index.asInt(), null, null,
                    run.executionId()));
        }
        JsonNode report = Handlers.invoke(new ReportHandler(env), new ReportHandler.Request(run.input(), run.runId(),
                run.executionId(), null, event.crashes(), null));
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.at("/steps/association/DONE").asInt()).isEqualTo(16);
        assertThat(report.at("/steps/oidc-cleanup/DONE").asInt()).isEqualTo(17);
        assertThat(report.get("failures")).isEmpty();
    }

    /** Every role's trust and associations, and the add-ons: the state the cleanup states start from. */
    private void migrateEveryRole(StepRequest run) {
        installAgent(run);
        JsonNode discovery = Handlers.invoke(new DiscoverHandler(env), run);
        for (JsonNode index : discovery.get("roleIndexes")) {
            StepRequest role = new StepRequest(run.input(), run.runId(), index.asInt(), null, null, run.executionId());
            Handlers.invoke(new UpdateTrustHandler(env), role);
            Handlers.invoke(new CreateAssociationsHandler(env), role);
        }
        for (JsonNode addon : discovery.get("addons")) {
            Handlers.invoke(new MigrateAddonHandler(env), new StepRequest(run.input(), run.runId(), null, addon.asText(), null,
                    run.executionId()));
        }
        sleep(150);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/restart-workloads.json", type = StepRequest.class)
    void restartWorkloadsMovesThePodsOfMigratedServiceAccounts(StepRequest event) {
        StepRequest run = openRun(event);
        migrateEveryRole(run);
        JsonNode result = Handlers.invoke(new RestartWorkloadsHandler(env), run);
        assertThat(result.get("done").asInt()).isEqualTo(16);
        assertThat(Handlers.invoke(new RestartWorkloadsHandler(env), run).get("done").asInt()).as("a retry restarts nothing").isZero();
    }

    @ParameterizedTest
    @Event(value = "events/handlers/remove-annotations.json", type = StepRequest.class)
    void removeAnnotationsKeepsThemWherePodsHaveNotMoved(StepRequest event) {
        StepRequest run = openRun(event);
        migrateEveryRole(run);
        JsonNode result = Handlers.invoke(new RemoveAnnotationsHandler(env), run);
        assertThat(result.get("done").asInt()).as("no workload was restarted: every annotation stays").isZero();
        assertThat(result.get("skipped").asInt()).isEqualTo(16);
    }

    @ParameterizedTest
    @Event(value = "events/handlers/verify.json", type = StepRequest.class)
    void verifyKeepsItsReportForTheCleanup(StepRequest event) {
        StepRequest run = openRun(event);
        migrateEveryRole(run);
        Handlers.invoke(new RestartWorkloadsHandler(env), run);
        JsonNode result = Handlers.invoke(new VerifyHandler(env), run);
        assertThat(result.get("verified").asInt()).isEqualTo(18);
        assertThat(env.get().plans().verification(run.runId())).isPresent();
    }

    @ParameterizedTest
    @Event(value = "events/handlers/strip-oidc-trust.json", type = StepRequest.class)
    void stripOidcTrustNeedsTheVerificationFirst(StepRequest event) {
        StepRequest run = openRun(event);
        migrateEveryRole(run);
        assertThatThrownBy(() -> Handlers.invoke(new StripOidcTrustHandler(env), run))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no verification yet");
        Handlers.invoke(new RestartWorkloadsHandler(env), run);
        Handlers.invoke(new VerifyHandler(env), run);
        assertThat(Handlers.invoke(new StripOidcTrustHandler(env), run).get("done").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"runId\": \"r\", \"roleIndex\": \"zero\"}|field 'roleIndex'",
            "{\"input\": {\"cluster\": \"demo\"}, \"roleIndex\": 0}|event field 'runId' is required",
            "{\"input\": {\"cluster\": \"demo\"}, \"runId\": \"r\", \"roleIndex\": -1}|event field 'roleIndex' must be a role index",
    })
    void malformedStepEventsFailNamingTheField(String event, String message) {
        assertThatThrownBy(() -> Handlers.invokeRaw(new UpdateTrustHandler(env), event))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    private int roleIndexOf(StepRequest run, String roleName) {
        var roles = env.get().plans().plan(run.runId()).roles();
        for (int i = 0; i < roles.size(); i++) {
            if (roles.get(i).roleName().equals(roleName)) {
                return i;
            }
        }
        throw new AssertionError("no role " + roleName + " in the plan");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
