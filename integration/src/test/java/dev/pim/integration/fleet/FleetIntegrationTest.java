package dev.pim.integration.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.fleet.FleetLedger;
import dev.pim.fleet.FleetStatus;
import dev.pim.fleet.MigrationRequest;
import dev.pim.integration.CliRun;
import dev.pim.integration.TestCredentials;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.lambda.SqsEventSourceMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fleet flow on the fleet fixture (three accounts, two regions, twenty clusters): the scan function invoked
 * through the Lambda API as the schedule invokes it, the migration queue with its redrive policy, the dispatcher
 * on its event source mapping, the real state machine, and the ledger.
 */
@ExtendWith(TestCredentials.class)
class FleetIntegrationTest {
    static final List<String> REGIONS = List.of("us-west-2", "eu-west-1");
    static final List<String> MEMBERS = List.of("222233334444", "333344445555");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("fleet");

    private LocalPipeline pipeline;
    private LocalFleet fleet;

    @BeforeEach
    void deploy() {
        pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
        fleet = new LocalFleet(cloud.cloud(), pipeline, "us-west-2");
    }

    @AfterEach
    void undeploy() {
        fleet.close();
    }

    private void deployFleet(List<String> members, int maxRunning) {
        fleet.deploy(new LocalFleet.Settings(REGIONS, members, "PodIdentityMigratorMember", maxRunning, Duration.ofSeconds(1),
                false, false, true));
    }

    @Test
    void everyEligibleClusterEndsMigratedTheOthersAreReportedAndLeftAlone() throws Exception {
        deployFleet(MEMBERS, 3);
        Map<String, String> untouchedBefore = untouched();
        fleet.start();

        JsonNode scan = fleet.scan("scan-1");
        AtomicLong mostRunning = new AtomicLong();
        boolean settled = fleet.awaitSettled(Duration.ofMinutes(10), Duration.ofMillis(200),
                s -> mostRunning.accumulateAndGet(s.count("running"), Math::max));

        assertThat(settled).isTrue();
        assertThat(scan.path("clusters").asInt()).isEqualTo(20);
        assertThat(scan.path("queued").asInt()).isEqualTo(15);
        assertThat(scan.path("unreachableAccounts")).isEmpty();
        FleetStatus status = fleet.status();
        Map<String, String> byCluster = status.clusters().stream()
                .collect(Collectors.toMap(FleetLedger.ClusterState::cluster, FleetLedger.ClusterState::status));
        assertThat(byCluster).hasSize(20);
        assertThat(status.count("succeeded")).as(status.toString()).isEqualTo(15);
        assertThat(byCluster).containsEntry("legacy-127", "ineligible").containsEntry("sandbox", "opted-out")
                .containsEntry("search-eu", "already-migrated").containsEntry("ledger-eu", "already-migrated")
                .containsEntry("notebooks", "already-migrated");
        assertThat(status.clusters()).filteredOn(c -> c.cluster().equals("legacy-127")).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("1.27"));
        assertThat(status.bindingsMigrated()).isPositive();
        assertThat(mostRunning.get()).as("running migrations at any time").isLessThanOrEqualTo(3);
        assertThat(untouched()).as("the clusters left out").isEqualTo(untouchedBefore);
        for (String account : List.of("111122223333", "222233334444", "333344445555")) {
            assertThat(podIdentityStatements(account, "shared-observability")).as("in " + account).isEqualTo(1);
        }

        CliRun fleetStatus = CliRun.of("fleet", "status", "--journal-table", LocalPipeline.JOURNAL_TABLE, "--region", "us-west-2",
                "--endpoint-url", cloud.endpoint().toString());
        assertThat(fleetStatus.exitCode()).as(fleetStatus.err()).isZero();
        assertThat(fleetStatus.out()).contains("Fleet: 20 cluster(s) in 3 account(s): 15 done, 0 in progress, 0 failed; "
                + status.bindingsMigrated() + " binding(s) migrated");

        JsonNode again = fleet.scan("scan-2");
        assertThat(again.path("queued").asInt()).as("a second scan").isZero();
        assertThat(fleet.status().count("succeeded")).as("the second scan keeps the record of the migrations").isEqualTo(15);
    }

    @Test
    void aMemberAccountWhoseRoleCannotBeAssumedIsReportedAndTheOthersAreScanned() {
        deployFleet(List.of("222233334444", "444455556666", "333344445555"), 5);

        JsonNode scan = fleet.scan("scan-1");

        assertThat(scan.path("unreachableAccounts").toString()).isEqualTo("[\"444455556666\"]");
        assertThat(scan.path("queued").asInt()).isEqualTo(15);
        FleetLedger.AccountState account = fleet.status().accounts().stream()
                .filter(a -> a.accountId().equals("444455556666")).findFirst().orElseThrow();
        assertThat(account.status()).isEqualTo("unreachable");
        assertThat(account.reason()).contains("arn:aws:iam::444455556666:role/PodIdentityMigratorMember");
    }

    @Test
    void aClusterQueuedOrRunningIsNotQueuedAgainByTheNextScan() {
        deployFleet(MEMBERS, 5);

        assertThat(fleet.scan("scan-1").path("queued").asInt()).isEqualTo(15);
        assertThat(fleet.scan("scan-2").path("queued").asInt()).isZero();

        try (SqsClient sqs = fleet.sqsClient()) {
            assertThat(fleet.messagesLeft(sqs, fleet.queueUrl(LocalFleet.MIGRATION_QUEUE))).isEqualTo(15);
        }
    }

    @Test
    void aRegionThatDoesNotExistFailsTheScanNamingIt() {
        fleet.deploy(new LocalFleet.Settings(List.of("us-west-2", "us-west-9"), MEMBERS, "PodIdentityMigratorMember", 5,
                Duration.ofSeconds(1), false, false, false));

        assertThatThrownBy(() -> fleet.scan("scan-1")).hasMessageContaining("FLEET_REGIONS: 'us-west-9' is not an AWS region");
        assertThat(fleet.status().clusters()).as("nothing recorded").isEmpty();
    }

    @Test
    void aDuplicatedMessageStartsOneExecution() {
        deployFleet(MEMBERS, 5);
        MigrationRequest request = new MigrationRequest("manual-1", "222233334444", "eu-west-1", "payments-eu",
                "arn:aws:iam::222233334444:role/PodIdentityMigratorMember", true, null, null, null, null);
        String body = JSON.valueToTree(request).toString();
        try (SqsClient sqs = fleet.sqsClient()) {
            String queue = fleet.queueUrl(LocalFleet.MIGRATION_QUEUE);
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }

        dispatcher().drain(Duration.ofMinutes(1));

        List<ExecutionListItem> executions = executions();
        assertThat(executions).extracting(ExecutionListItem::name).containsExactly(request.executionName());
        assertThat(pipeline.metrics()).containsEntry("DispatchDuplicate", 1.0);
    }

    @Test
    void malformedMessagesEndInTheDeadLetterQueueAndStartNothing() {
        deployFleet(MEMBERS, 5);
        List<String> malformed = List.of("not json", "{}", "{\"requestId\":\"r\",\"accountId\":\"12\",\"region\":\"eu-west-1\","
                + "\"cluster\":\"payments-eu\"}", "{\"requestId\":\"r\",\"accountId\":\"222233334444\",\"region\":\"eu-west-1\","
                + "\"cluster\":\"payments-eu\",\"colour\":\"red\"}");
        try (SqsClient sqs = fleet.sqsClient()) {
            String queue = fleet.queueUrl(LocalFleet.MIGRATION_QUEUE);
            malformed.forEach(body -> sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body)));

            dispatcher().drain(Duration.ofMinutes(1));

            assertThat(fleet.messagesLeft(sqs, queue)).isZero();
            List<String> dead = sqs.receiveMessage(r -> r.queueUrl(fleet.queueUrl(LocalFleet.MIGRATION_DEAD_LETTER_QUEUE))
                    .maxNumberOfMessages(10).attributeNamesWithStrings("ApproximateReceiveCount")).messages().stream()
                    .map(Message::body).toList();
            assertThat(dead).containsExactlyInAnyOrderElementsOf(malformed);
        }
        assertThat(executions()).isEmpty();
        // Three receives each (the queue's maxReceiveCount in template.yaml), each one logged with its reason.
        assertThat(pipeline.metrics().get("DispatchMalformed")).isGreaterThanOrEqualTo(malformed.size() * 3.0);
    }

    private SqsEventSourceMapping dispatcher() {
        return fleet.mappings().stream().filter(m -> m.trigger().functionName().endsWith(":DispatchFunction"))
                .findFirst().orElseThrow();
    }

    private List<ExecutionListItem> executions() {
        try (SfnClient sfn = pipeline.sfnClient()) {
            return sfn.listExecutionsPaginator(r -> r.stateMachineArn(pipeline.stateMachineArn())).executions().stream().toList();
        }
    }

    /** The Kubernetes and EKS state of the clusters the fleet must leave alone, as the local cloud holds it. */
    private static Map<String, String> untouched() {
        return cloud.cloud().read(state -> {
            Map<String, String> out = new java.util.TreeMap<>();
            state.accounts.values().forEach(a -> a.regions.values().forEach(r -> r.clusters.values().forEach(c -> {
                if (List.of("legacy-127", "sandbox", "search-eu", "ledger-eu", "notebooks").contains(c.name)) {
                    out.put(c.name, c.associations.values().stream().map(x -> x.namespace + "/" + x.serviceAccount + "=" + x.roleArn)
                            .sorted().toList() + " " + c.kubernetes.serviceAccounts.values().stream()
                            .map(sa -> sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName() + "="
                                    + sa.getMetadata().getAnnotations()).toList() + " " + c.addons.keySet());
                }
            })));
            return out;
        });
    }

    private static long podIdentityStatements(String account, String role) {
        return cloud.cloud().read(state -> {
            String policy = state.accounts.get(account).role(role).orElseThrow().trustPolicy;
            try {
                long n = 0;
                for (JsonNode s : JSON.readTree(policy).get("Statement")) {
                    n += s.path("Principal").path("Service").asText("").equals("pods.eks.amazonaws.com") ? 1 : 0;
                }
                return n;
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
