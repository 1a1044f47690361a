package dev.pim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.cli.pipeline.ExecutionFollower;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.cli.pipeline.ReportView;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureException;
import dev.pim.local.fixture.FixtureLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code pim demo}: the whole pipeline offline. Starts the local cloud with a fixture, deploys the state machine
 * and its functions into it, runs a plan execution then an apply execution, following each state by state,
 * and prints their reports.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the serverless pipeline offline: the local cloud with a fixture, the real state machine and "
                + "Lambda handlers, a plan execution, then an apply execution; prints the reports.")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--fixture",
            description = "A bundled fixture name or a fixture file (default: demo, or fleet with --fleet).")
    String fixture;

    @Option(names = "--fleet", description = "Run the fleet flow instead: a scheduled scan of every account and region "
            + "of the fixture, the queue and the dispatcher, then the fleet summary.")
    boolean fleet;

    @Option(names = "--max-running", defaultValue = "5",
            description = "With --fleet: migrations the dispatcher lets run at once (default: ${DEFAULT-VALUE}).")
    int maxRunning;

    @Option(names = {"-c", "--cluster"}, description = "Which cluster of the fixture (default: its first).")
    String cluster;

    @Option(names = "--port", defaultValue = "0", description = "The local cloud's port (default: a free one).")
    int port;

    @Option(names = "--plan-only", description = "Stop after the plan execution.")
    boolean planOnly;

    @Option(names = "--no-cleanup", description = "Apply without restarts, annotation removal and OIDC cleanup.")
    boolean noCleanup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Fixture loaded;
        String fixture = this.fixture != null ? this.fixture : fleet ? "fleet" : "demo";
        try {
            loaded = FixtureLoader.load(fixture);
        } catch (FixtureException e) {
            err.println("pim demo: invalid fixture: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Fixture.Account account = loaded.accounts().get(0);
        Fixture.Region region = account.regions().stream().filter(r -> !r.clusters().isEmpty()).findFirst().orElse(null);
        if (region == null) {
            err.println("pim demo: fixture '" + fixture + "' declares no cluster in its first account");
            return ExitCodes.USAGE;
        }
        if (fleet) {
            try (LocalCloud cloud = LocalCloud.start(loaded, LocalCloud.DEFAULT_HOST, port)) {
                out.println("local cloud at " + cloud.endpoint() + " (fixture " + fixture + ")");
                return new FleetDemo(out).run(cloud, loaded, maxRunning);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            }
        }
        String target = cluster != null ? cluster : region.clusters().get(0).name();
        try (LocalCloud cloud = LocalCloud.start(loaded, LocalCloud.DEFAULT_HOST, port)) {
            out.println("local cloud at " + cloud.endpoint() + " (fixture " + fixture + ", cluster " + target + ")");
            LocalPipeline pipeline = new LocalPipeline(cloud, region.name(), account.id());
            String arn = pipeline.deploy();
            out.println("state machine " + arn);
            out.println();
            try (pipeline; SfnClient sfn = pipeline.sfnClient()) {
                ExecutionFollower follower = new ExecutionFollower(sfn, out, Duration.ofMillis(200));
                out.println("== plan (approve: false)");
                ExecutionFollower.Result plan = follower.start(arn, target + "-plan", input(target, false));
                String planStatus = ReportView.print(out, plan);
                if (planOnly || !plan.succeeded()) {
                    return RunCommand.exitCode(planStatus, plan);
                }
                out.println();
                out.println("== apply (approve: true" + (noCleanup ? "" : ", restart, remove annotations and OIDC trust") + ")");
                ExecutionFollower.Result apply = follower.start(arn, target + "-apply", input(target, true));
                int code = RunCommand.exitCode(ReportView.print(out, apply), apply);
                invariants(out, cloud);
                return code;
            }
        }
    }

    /** What the local cloud's invariant monitor saw over the whole demo, and what it finds at its end. */
    private static void invariants(PrintWriter out, LocalCloud cloud) {
        var seen = cloud.invariants().summary();
        var atTheEnd = cloud.checkInvariants();
        out.println();
        if (seen.violations().isEmpty() && atTheEnd.isEmpty()) {
            out.println("Invariants: held at each of " + seen.mutatingCalls() + " writes to IAM, EKS and Kubernetes (every workload"
                    + " kept a working credential path, no role reached a new service account)");
        } else {
            out.println("Invariants: VIOLATED");
            seen.violations().forEach(v -> out.println("  " + v));
            atTheEnd.forEach(v -> out.println("  " + v));
        }
    }

    /** An execution's input for the demo's plan ({@code approve} false) or apply. */
    String input(String target, boolean approve) {
        ObjectNode input = Views.JSON.createObjectNode().put("cluster", target);
        if (approve) {
            input.put("approve", true);
            if (!noCleanup) {
                input.put("restartWorkloads", true).put("removeIrsaAnnotation", true).put("removeOidcTrust", true);
            }
        }
        return input.toString();
    }
}
