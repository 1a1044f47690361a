package dev.pim.integration.property;

import dev.pim.aws.Backoff;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.CloudSnapshot;
import dev.pim.integration.JournalOriginals;
import dev.pim.integration.LocalEngine;
import dev.pim.ledger.DynamoDbJournal;
import dev.pim.ledger.JournalTable;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.server.DeploymentGate;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.migration.plan.BindingSource;
import dev.pim.migration.plan.MigrationPlan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine over generated clusters (see {@link Scenarios}): the pipeline is a composition of its own (role
 * batches, a DynamoDB journal, what later states know from it), so the CLI's properties do not cover it. Each case
 * runs the CLI's {@code migrate --approve} and then, from the same start, an execution of the deployed state machine
 * with the same options: the execution keeps the invariants at every call (the monitor reads the pipeline's journal
 * table for the originals), ends where the CLI ended, and a second execution writes nothing; and an execution that
 * crashes after any of its writes is followed by one that ends where a clean one ends.
 */
@AddLifecycleHook(value = PropertySummary.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class PipelinePropertiesTest {
    private static final Duration SETTLE = Duration.ofMillis(100);
    private static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static LocalCloud cloud;

    @BeforeContainer
    static void start() {
        // The handlers use the default credential chain, whose first source is these properties.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        cloud = LocalCloud.start(FixtureLoader.load("demo"), LocalCloud.DEFAULT_HOST, 0);
    }

    @AfterContainer
    static void stop() {
        cloud.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Scenario, RunOptions>> cases() {
        return Scenarios.scenarios().flatMap(s -> RunOptions.forScenario(s).map(o -> Tuple.of(s, o)));
    }

    @Property(tries = 40, shrinking = ShrinkingMode.FULL)
    void anExecutionKeepsTheInvariantsEndsWhereTheCliEndsAndASecondWritesNothing(
            @ForAll("cases") Tuple.Tuple2<Scenario, RunOptions> c) throws InterruptedException {
        String fixture = c.get1().fixtureYaml();
        RunOptions options = c.get2();
        CloudSnapshot byCli;
        try (ScenarioRun run = new ScenarioRun(cloud, fixture)) {
            cloud.write(s -> s.behaviour.addonSettleTime = SETTLE);
            run.migrate(options);
            byCli = run.snapshot();
        }

        try (LocalPipeline pipeline = new LocalPipeline(cloud, ScenarioRun.REGION, Scenario.ACCOUNT);
             DynamoDbClient harness = harnessDynamoDb()) {
            String stateMachine = deploy(pipeline, harness, fixture, options);
            String input = input(options);

            ExecutionRun first = execute(stateMachine, input);
            long writes = cloud.invariants().summary().mutatingCalls();
            assertThat(cloud.invariants().violations()).as("invariant violations of an execution of " + input).isEmpty();
            assertThat(cloud.checkInvariants()).as("invariants after an execution of " + input).isEmpty();
            assertThat(cloud.invariants().incrementalDrift()).as("the monitor's call-by-call judgement against a fresh one")
                    .isEmpty();
            assertThat(snapshot()).as("where an execution of " + input + " ended (" + first.status() + ") against the CLI's "
                    + options).isEqualTo(byCli);

            ExecutionRun second = execute(stateMachine, input);
            assertThat(cloud.invariants().summary().mutatingCalls() - writes)
                    .as("writes of a second execution of " + input + " (" + second.status() + ")").isZero();
        } finally {
            cloud.invariants().crossCheck(false);
        }
    }

    /**
     * An execution whose cloud crashes after its k-th write (every call after it fails, the execution ends failed)
     * keeps the invariants up to the crash, and a new execution after it ends where one without the crash ends.
     */
    @Property(tries = 15, shrinking = ShrinkingMode.FULL)
    void aCrashAtAnyWriteThenANewExecutionEndsWhereACleanOneEnds(@ForAll("cases") Tuple.Tuple2<Scenario, RunOptions> c,
                                                                 @ForAll("crashPoints") int crashAt) throws InterruptedException {
        String fixture = c.get1().fixtureYaml();
        RunOptions options = c.get2();
        String input = input(options);
        try (LocalPipeline pipeline = new LocalPipeline(cloud, ScenarioRun.REGION, Scenario.ACCOUNT);
             DynamoDbClient harness = harnessDynamoDb()) {
            String stateMachine = deploy(pipeline, harness, fixture, options);
            ExecutionRun clean = execute(stateMachine, input);
            CloudSnapshot cleanEnd = snapshot();
            // Every write the pipeline makes counts, its journal's too: a crash may come between any two.
            long writes = cloud.counters().mutatingCalls();
            if (writes == 0) {
                return;
            }
            int k = 1 + (int) ((crashAt - 1) % writes);

            stateMachine = deploy(pipeline, harness, fixture, options);
            cloud.faults().crashAfterMutatingCalls(k);
            ExecutionRun crashed = execute(stateMachine, input);
            String what = "a crash after write " + k + " of " + writes + " of " + input + " (" + crashed.status() + ")";
            assertThat(cloud.faults().crashed()).as("the execution reached its write " + k + ": " + what).isTrue();
            assertThat(cloud.invariants().violations()).as("invariant violations up to " + what).isEmpty();
            cloud.faults().reset();
            leasesLapse(harness);

            ExecutionRun again = execute(stateMachine, input);
            assertThat(snapshot()).as("the end of a new execution (" + again.status() + ") after " + what
                    + ", against a clean one (" + clean.status() + ")").isEqualTo(cleanEnd);
            assertThat(cloud.invariants().violations()).as("invariant violations after " + what).isEmpty();
            assertThat(cloud.checkInvariants()).as("invariants at the end, after " + what).isEmpty();
        } finally {
            cloud.invariants().crossCheck(false);
        }
    }

    @Provide
    Arbitrary<Integer> crashPoints() {
        return Arbitraries.integers().between(1, 200);
    }

    /** The scenario loaded, the pipeline deployed on it, and the monitor reading its journal table. */
    private static String deploy(LocalPipeline pipeline, DynamoDbClient harness, String fixture, RunOptions options) {
        cloud.reset(FixtureLoader.parse("generated.yaml", fixture));
        cloud.write(s -> s.behaviour.addonSettleTime = SETTLE);
        String stateMachine = pipeline.deploy();
        cloud.invariants().journal(new JournalOriginals(new DynamoDbJournal(harness, LocalPipeline.JOURNAL_TABLE,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), 3, Duration.ofSeconds(2)), Clock.systemUTC()),
                ScenarioRun.CLUSTER));
        allowNamedServiceAccounts(options);
        cloud.invariants().crossCheck(true);
        cloud.counters().reset();
        return stateMachine;
    }

    /**
     * A crashed execution could not release the role leases it held; they lapse after minutes, and DynamoDB's TTL
     * sweeps them. Removing them stands for that wait.
     */
    private static void leasesLapse(DynamoDbClient harness) {
        harness.scanPaginator(r -> r.tableName(LocalPipeline.JOURNAL_TABLE)).items().stream()
                .filter(item -> item.get(JournalTable.PARTITION_KEY).s().startsWith("LEASE#"))
                .forEach(item -> harness.deleteItem(r -> r.tableName(LocalPipeline.JOURNAL_TABLE).key(Map.of(
                        JournalTable.PARTITION_KEY, item.get(JournalTable.PARTITION_KEY),
                        JournalTable.SORT_KEY, item.get(JournalTable.SORT_KEY)))));
    }

    private static CloudSnapshot snapshot() {
        return CloudSnapshot.of(cloud, Scenario.ACCOUNT, ScenarioRun.REGION, Scenario.CLUSTER);
    }

    /** The service accounts the user named are pairs the monitor lets through, as the CLI's run allows them. */
    private static void allowNamedServiceAccounts(RunOptions options) {
        if (options.include().isEmpty()) {
            return;
        }
        MigrationPlan plan;
        try (LocalEngine engine = new LocalEngine(cloud.endpoint(), Scenario.CLUSTER, createTempJournal(),
                ScenarioRun.REGION)) {
            plan = engine.session.plan(options.migration(true));
        }
        plan.bindings().stream().filter(b -> options.migration(true).includeServiceAccounts().contains(b.serviceAccount())
                        && b.sources().contains(BindingSource.TRUST) && b.associationRoleArn() != null)
                .forEach(b -> cloud.invariants().allow(ScenarioRun.clusterId(), b.serviceAccount().toString(), b.roleArn()));
    }

    private static Path createTempJournal() {
        try {
            return Files.createTempDirectory("pim-pipeline-property");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The execution input asking for what the run options ask of {@code migrate --approve}. */
    private static String input(RunOptions o) {
        String include = o.include().stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(","));
        return "{\"cluster\": \"" + Scenario.CLUSTER + "\", \"approve\": true, \"restartWorkloads\": " + o.restart()
                + ", \"restartBudget\": 2, \"removeIrsaAnnotation\": " + o.removeAnnotation()
                + ", \"removeOidcTrust\": " + o.removeOidcTrust()
                + ", \"removeWildcardOidcTrust\": " + (o.removeOidcTrust() && o.removeWildcards())
                + ", \"maxConcurrency\": " + o.concurrency() + ", \"timeoutSeconds\": 20"
                + ", \"includeServiceAccounts\": [" + include + "]}";
    }

    private static ExecutionRun execute(String stateMachine, String input) throws InterruptedException {
        String name = "property-" + EXECUTIONS.incrementAndGet();
        String arn;
        try (SfnClient sfn = SfnClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            arn = sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(name).input(input)).executionArn();
        }
        return cloud.stepFunctions().await(arn, Duration.ofMinutes(2))
                .orElseThrow(() -> new AssertionError("execution " + name + " of " + input + " did not end within 2 minutes"));
    }

    /** A DynamoDB client of the harness: its calls are not the pipeline's. */
    private static DynamoDbClient harnessDynamoDb() {
        return DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(o -> o.putHeader(DeploymentGate.HEADER, "true")).build();
    }
}
