package dev.pim.integration.pipeline;

import dev.pim.aws.Backoff;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.CliRun;
import dev.pim.integration.CloudSnapshot;
import dev.pim.integration.JournalOriginals;
import dev.pim.integration.TestCredentials;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.JournalTable;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.server.DeploymentGate;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.migration.ClusterRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash sweep through the pipeline: for every k up to the writes of a clean execution, an execution whose local
 * cloud crashes after its k-th write (every call after it fails, the execution ends failed); then either a new
 * execution, which must end where a clean one ends, or a rollback from the pipeline's journal table, which must give
 * back the starting trust policies, annotations and associations. The invariant monitor is on throughout (enforced
 * by the extension) and reads the journal table for the originals.
 */
@ExtendWith(TestCredentials.class)
class PipelineCrashSafetyIntegrationTest {
    static final String ACCOUNT = "111122223333";
    static final String INPUT = "{\"cluster\": \"blue\", \"approve\": true, \"restartWorkloads\": true, "
            + "\"removeIrsaAnnotation\": true, \"removeOidcTrust\": true}";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private final Fixture fixture = FixtureLoader.load("scenario-shared-role");

    @Test
    void everyCrashPointOfAnExecutionEndsWhereACleanOneEndsOrRollsBackToTheStart() throws Exception {
        String stateMachine = deploy();
        CloudSnapshot start = snapshot();
        assertThat(execute(stateMachine, "clean").status().name()).isEqualTo("SUCCEEDED");
        CloudSnapshot clean = snapshot();
        long writes = cloud.counters().mutatingCalls();
        assertThat(writes).as("writes of a clean execution").isGreaterThan(20);

        List<String> failures = new ArrayList<>();
        for (int crashAt = 1; crashAt <= writes; crashAt++) {
            int k = crashAt;
            stateMachine = deploy();
            cloud.faults().crashAfterMutatingCalls(k);
            ExecutionRun crashed = execute(stateMachine, "crash-" + k);
            if (!cloud.faults().crashed()) {
                failures.add("k=" + k + ": the execution made fewer writes than a clean one (" + crashed.status() + ")");
                continue;
            }
            failures.addAll(cloud.cloud().invariants().violations().stream().map(v -> "k=" + k + " at the crash: " + v).toList());
            cloud.faults().reset();
            leasesExpire();
            if (k % 2 == 0) {
                ExecutionRun again = execute(stateMachine, "again-" + k);
                CloudSnapshot after = snapshot();
                if (!"SUCCEEDED".equals(again.status().name()) || !after.equals(clean)) {
                    failures.add("k=" + k + ": the execution after the crash ended " + again.status()
                            + (after.equals(clean) ? "" : ", elsewhere than a clean one: " + after));
                }
            } else {
                CliRun rollback = CliRun.againstTable(cloud, LocalPipeline.JOURNAL_TABLE, "rollback", "--cluster", "blue");
                CloudSnapshot after = snapshot();
                if (rollback.exitCode() != 0 || !after.trustPolicies().equals(start.trustPolicies())
                        || !after.annotations().equals(start.annotations()) || !after.associations().equals(start.associations())) {
                    failures.add("k=" + k + ": the rollback after the crash (exit " + rollback.exitCode() + ") left "
                            + after + "\n" + rollback.out() + rollback.err());
                }
            }
            failures.addAll(cloud.cloud().checkInvariants().stream().map(v -> "k=" + k + " at the end: " + v).toList());
        }
        assertThat(failures).isEmpty();
    }

    /**
     * A crashed execution could not release the role lease it held; it lapses after three minutes, and DynamoDB's TTL
     * sweeps it. The next execution would wait that long: the sweep stands for the wait by removing what has lapsed.
     */
    private void leasesExpire() {
        try (DynamoDbClient dynamo = harnessDynamoDb()) {
            dynamo.scanPaginator(r -> r.tableName(LocalPipeline.JOURNAL_TABLE)).items().stream()
                    .filter(item -> item.get(JournalTable.PARTITION_KEY).s().startsWith("LEASE#"))
                    .forEach(item -> dynamo.deleteItem(r -> r.tableName(LocalPipeline.JOURNAL_TABLE).key(Map.of(
                            JournalTable.PARTITION_KEY, item.get(JournalTable.PARTITION_KEY),
                            JournalTable.SORT_KEY, item.get(JournalTable.SORT_KEY)))));
        }
    }

    /** A DynamoDB client of the harness: its calls are neither counted nor crashed. */
    private static DynamoDbClient harnessDynamoDb() {
        return DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.putHeader(DeploymentGate.HEADER, "true")).build();
    }

    /** The fixture, the pipeline deployed on it, and the monitor reading its journal table. */
    private String deploy() {
        cloud.cloud().reset(fixture);
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(50));
        LocalPipeline pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", ACCOUNT);
        String arn = pipeline.deploy();
        // The monitor's reads of the table are the harness's, not the pipeline's.
        DynamoDbClient dynamo = harnessDynamoDb();
        cloud.cloud().invariants().journal(new JournalOriginals(new DynamoDbJournal(dynamo, LocalPipeline.JOURNAL_TABLE,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), 3, Duration.ofSeconds(2)), Clock.systemUTC()),
                new ClusterRef(ACCOUNT, "us-west-2", "blue")));
        cloud.counters().reset();
        return arn;
    }

    /** Starts an execution and follows it in-process (the local cloud's API fails once it has crashed). */
    private ExecutionRun execute(String stateMachine, String name) throws InterruptedException {
        String arn;
        try (SfnClient sfn = SfnClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(name).input(INPUT)).executionArn();
        }
        return cloud.cloud().stepFunctions().await(arn, Duration.ofMinutes(2))
                .orElseThrow(() -> new AssertionError("execution " + name + " did not end within 2 minutes"));
    }

    private CloudSnapshot snapshot() {
        return CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "blue");
    }
}
