package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.cli.bench.ExecutionHistories;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.ExecutionWaits;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster far past what one inline Map iteration per role allowed (about 1,780 roles) runs through the deployed
 * state machine on the local cloud, as {@code ./pim run} runs it, to SUCCEEDED, inside Step Functions' hard
 * quotas (which the local engine enforces): every execution's history and state payloads, the parent's and each
 * batch's child's; and a child's history is the same for a batch of one role as for a batch of fifty (the child's
 * definition is the Map's own ItemProcessor, run with a real batch of the run). At 5,000 bindings this also holds
 * the Map items to references: the plan lives in the journal table. 5,000 bindings is also as far as one cluster
 * goes on EKS (5,000 Pod Identity associations per cluster). The largest cluster (10,000 roles, 25,000
 * bindings) takes too long for CI; the bench runs it, inside Step Functions' quotas but stopped by that EKS quota:
 * {@code ./pim bench --bindings 25000 --path pipeline --latency 0 --write-rate 10000 --concurrency 40
 * --cold-start-runs 0 --no-invariant-checks} (README, Performance).
 */
@ExtendWith(TestCredentials.class)
class ScaleIntegrationTest {
    static final int MAX_EVENTS = 25_000;
    static final int MAX_PAYLOAD = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void twoThousandRolesAndFiveThousandBindingsRunInsideTheQuotas() throws Exception {
        runsInsideTheQuotas(2_000, 5_000);
    }

    private void runsInsideTheQuotas(int roles, int bindings) throws Exception {
        cloud.cloud().reset(FixtureLoader.parse("scale.yaml", fixture(roles, bindings)));
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        String stateMachine = pipeline.deploy();
        try (SfnClient sfn = pipeline.sfnClient()) {
            String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name("scale")
                    .input("{\"cluster\": \"scale\", \"approve\": true, \"maxConcurrency\": 16}")).executionArn();
            DescribeExecutionResponse done = ExecutionWaits.awaitEnd(sfn, arn, PipelineExecutions.LARGE_RUN);
            assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).contains("\"status\":\"SUCCEEDED\"");
            List<HistoryEvent> history = PipelineExecutions.history(sfn, arn);
            assertThat(history).as("the parent's history events").hasSizeLessThan(200);
            assertThat(history).filteredOn(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).hasSize(1);
            // Every execution of the run, the parent and each batch's child, read over the SDK (ListMapRuns,
            // ListExecutions by Map Run), as the bench reads them.
            ExecutionHistories.Sizes sizes = ExecutionHistories.measure(sfn);
            assertThat(sizes.executions()).as("the parent and a child per batch of 50 roles").isGreaterThan(roles / 50);
            assertThat(sizes.largestEvents()).as("the longest history of any execution").isLessThan(MAX_EVENTS);
            assertThat(sizes.largestPayloadBytes()).as("the largest state payload of any execution, bytes").isPositive()
                    .isLessThan(MAX_PAYLOAD);
            assertThat(associations()).isEqualTo(bindings);
            assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isEqualTo(roles);
            cloud.counters().reset();

            JsonNode mapInput = JSON.readTree(history.stream()
                    .filter(e -> e.type() == HistoryEventType.MAP_STATE_ENTERED && e.stateEnteredEventDetails().name().equals("MigrateRoles"))
                    .findFirst().orElseThrow().stateEnteredEventDetails().input());
            int oneRole = childEvents(sfn, pipeline, batchOf(mapInput, arn, 1));
            int fiftyRoles = childEvents(sfn, pipeline, batchOf(mapInput, arn, 50));
            assertThat(oneRole).as("a child's history events do not grow with the batch").isEqualTo(fiftyRoles)
                    .isLessThan(MAX_EVENTS);
            System.out.printf("scale: %,d roles / %,d bindings: parent history %d events, %d executions, longest history %d "
                    + "events, largest payload %,d bytes, child history %d events (1 or 50 roles)%n", roles, bindings,
                    history.size(), sizes.executions(), sizes.largestEvents(), sizes.largestPayloadBytes(), fiftyRoles);
        }
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).as("batches run again change no trust policy").isZero();
        assertThat(associations()).as("nor add an association").isEqualTo(bindings);
    }

    private static long associations() {
        return cloud.cloud().read(s -> (long) s.cluster("111122223333", "us-west-2", "scale").orElseThrow().associations.size());
    }

    /** A batch of the run's first {@code size} roles, as the Map's ItemBatcher hands it to a child. */
    private static String batchOf(JsonNode mapInput, String execution, int size) throws Exception {
        ObjectNode batchInput = JSON.createObjectNode();
        batchInput.set("input", mapInput.path("input"));
        batchInput.put("runId", mapInput.path("runId").asText());
        batchInput.put("executionId", execution);
        ObjectNode batch = JSON.createObjectNode();
        batch.set("BatchInput", batchInput);
        IntStream.range(0, size).forEach(batch.putArray("Items")::add);
        return JSON.writeValueAsString(batch);
    }

    /** Runs MigrateRoles' ItemProcessor (the child's definition) on a batch; its history's length. */
    private static int childEvents(SfnClient sfn, LocalPipeline pipeline, String batch) throws Exception {
        String machine = PipelineExecutions.migrateRolesChild(sfn, pipeline, "child-" + JSON.readTree(batch).path("Items").size());
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine).input(batch)).executionArn();
        DescribeExecutionResponse done = ExecutionWaits.awaitEnd(sfn, arn, PipelineExecutions.LARGE_RUN);
        assertThat(done.status()).as(done.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.output()).as("the batch's summary").doesNotContain("crashed").contains("\"failed\":0");
        return PipelineExecutions.history(sfn, arn).size();
    }

    /** One cluster with the agent, {@code roles} roles, {@code bindings} service accounts spread over them. */
    static String fixture(int roles, int bindings) {
        StringBuilder yaml = new StringBuilder("""
                behaviour: {addonSettleSeconds: 0}
                accounts:
                  - id: "111122223333"
                    credentials: [{accessKeyId: test, secretAccessKey: test}]
                    roles:
                """);
        for (int r = 0; r < roles; r++) {
            int role = r;
            yaml.append("      - {name: app-").append(r).append(", irsa: [{cluster: scale, serviceAccounts: [")
                    .append(serviceAccounts(role, roles, bindings).collect(Collectors.joining(", "))).append("]}]}\n");
        }
        yaml.append("""
                    regions:
                      - name: us-west-2
                        clusters:
                          - name: scale
                            addons: [{name: eks-pod-identity-agent}]
                            serviceAccounts:
                """);
        for (int r = 0; r < roles; r++) {
            int role = r;
            serviceAccounts(role, roles, bindings).forEach(sa -> {
                String[] parts = sa.split("/");
                yaml.append("              - {namespace: ").append(parts[0]).append(", name: ").append(parts[1])
                        .append(", roleArn: \"arn:aws:iam::111122223333:role/app-").append(role).append("\"}\n");
            });
        }
        return yaml.toString();
    }

    /** Role r's service accounts: bindings / roles each, the remainder to the first roles. */
    private static Stream<String> serviceAccounts(int role, int roles, int bindings) {
        int count = bindings / roles + (role < bindings % roles ? 1 : 0);
        return IntStream.range(0, count).mapToObj(s -> "ns-" + role % 50 + "/sa-" + role + "-" + s);
    }
}
