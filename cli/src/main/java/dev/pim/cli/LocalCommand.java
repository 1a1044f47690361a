package dev.pim.cli;

import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.cli.pipeline.ServedPipeline;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureException;
import dev.pim.local.fixture.FixtureLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pim local ...}: the local cloud. */
@Command(name = "local", description = "Run the local AWS emulator (IAM, STS, EKS and each cluster's Kubernetes API).",
        subcommands = {LocalCommand.Serve.class})
final class LocalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve a fixture on one HTTP endpoint until interrupted. Point the AWS CLI or SDK at it with "
                    + "--endpoint-url / AWS_ENDPOINT_URL; the admin API is under /_pim/.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--fixture", defaultValue = "demo",
                description = "A bundled fixture name or a path to a fixture YAML file (default: ${DEFAULT-VALUE}). "
                        + "Bundled: ${COMPLETION-CANDIDATES}", completionCandidates = BundledFixtures.class)
        String fixture;

        @Option(names = "--port", defaultValue = "4566", description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--associations-per-cluster", paramLabel = "N",
                description = "The most Pod Identity associations one cluster holds (default: the fixture's "
                        + "behaviour.associationsPerCluster, else EKS's quota of 5000); pim plan/migrate/run take the same "
                        + "setting to plan for it.")
        Integer associationsPerCluster;

        @Option(names = "--no-pipeline", description = "Do not deploy the state machine and its functions (pim run needs them).")
        boolean noPipeline;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (port < 0 || port > 65535) {
                err.println("pim local serve: --port must be 0..65535, got " + port);
                return ExitCodes.USAGE;
            }
            Fixture loaded;
            try {
                loaded = FixtureLoader.load(fixture);
                if (associationsPerCluster != null) {
                    if (associationsPerCluster < 1) {
                        err.println("pim local serve: --associations-per-cluster must be at least 1, got " + associationsPerCluster);
                        return ExitCodes.USAGE;
                    }
                    loaded = loaded.withAssociationsPerCluster(associationsPerCluster);
                }
            } catch (FixtureException e) {
                err.println("pim local serve: invalid fixture: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            // Deployed before the first call is answered, and again after each POST /_pim/reset.
            ServedPipeline pipeline = new ServedPipeline();
            LocalCloud cloud = LocalCloud.start(loaded, LocalCloud.DEFAULT_HOST, port,
                    noPipeline ? List.of() : List.of(pipeline));
            String stateMachine = pipeline.stateMachineArn();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cloud.close();
                stopped.countDown();
            }));
            out.println("local cloud serving fixture '" + fixture + "' at " + cloud.endpoint());
            out.println("  credentials: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-west-2 AWS_DEFAULT_REGION=us-west-2");
            out.println("  try: aws --endpoint-url " + cloud.endpoint() + " eks list-clusters");
            if (stateMachine != null) {
                out.println("  pipeline: " + stateMachine);
                out.println("  try: ./pim run --cluster <name> --endpoint-url " + cloud.endpoint());
                out.println("  fleet: aws --endpoint-url " + cloud.endpoint() + " lambda invoke --function-name "
                        + LocalFleet.SCAN_FUNCTION + " scan.json");
                out.println("         ./pim fleet status --journal-table " + LocalPipeline.JOURNAL_TABLE
                        + " --endpoint-url " + cloud.endpoint());
            }
            out.println("  admin: " + cloud.endpoint() + "/_pim/counters  (Ctrl-C to stop)");
            out.flush();
            stopped.await();
            return ExitCodes.OK;
        }
    }

    /** Lets picocli list the bundled fixtures in help. */
    static final class BundledFixtures implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FixtureLoader.BUNDLED.iterator();
        }
    }
}
