package dev.pim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.fleet.FleetStatus;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code pim demo --fleet}: the fleet flow offline. The pipeline and its fleet half are deployed on the local
 * cloud; the schedule's invocation of the scan function queues one request per cluster still on IRSA, across
 * the fixture's accounts (members through their role) and regions; the dispatcher starts executions a few at a
 * time; the fleet summary is printed from the ledger when all have ended, then a second scan shows there is
 * nothing left to do.
 */
final class FleetDemo {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final PrintWriter out;

    FleetDemo(PrintWriter out) {
        this.out = out;
    }

    int run(LocalCloud cloud, Fixture fixture, int maxRunning) throws InterruptedException {
        LocalFleet.Settings settings = LocalFleet.Settings.of(fixture, maxRunning, true);
        String pipelineRegion = settings.regions().get(0);
        LocalPipeline pipeline = new LocalPipeline(cloud, pipelineRegion, fixture.accounts().get(0).id());
        out.println("state machine " + pipeline.deploy());
        try (pipeline; LocalFleet fleet = new LocalFleet(cloud, pipeline, pipelineRegion)) {
            fleet.deploy(settings);
            fleet.start();
            out.printf("fleet: accounts %s (members through role %s), regions %s, at most %d migrations at once%n",
                    String.join(", ", fixture.accounts().stream().map(Fixture.Account::id).toList()),
                    settings.memberRoleName(), String.join(", ", settings.regions()), maxRunning);
            out.println();
            out.println("== fleet scan (what the schedule invokes)");
            JsonNode scan = fleet.scan("demo-1");
            out.println("  " + scan.path("clusters").asInt() + " cluster(s) seen, " + scan.path("queued").asInt()
                    + " queued for migration, " + scan.path("skipped").asInt() + " left out");
            scan.path("unreachableAccounts").forEach(a -> out.println("  account " + a.asText() + " unreachable"));
            out.println();
            out.println("== dispatching and migrating");
            Progress progress = new Progress();
            boolean settled = fleet.awaitSettled(TIMEOUT, Duration.ofMillis(500), progress::print);
            out.println();
            FleetStatus status = fleet.status();
            Tables.fleet(out, status);
            if (!settled) {
                out.println("The fleet did not settle within " + TIMEOUT.toMinutes() + " minutes.");
                return ExitCodes.FAILED;
            }
            out.println();
            out.println("== a second scan");
            JsonNode again = fleet.scan("demo-2");
            int requeued = again.path("queued").asInt();
            out.println(requeued == 0 ? "  0 queued: nothing is left to migrate"
                    : "  " + requeued + " queued again: their migrations left bindings to migrate");
            out.flush();
            long failed = status.count("failed") + status.count("partial");
            return failed > 0 || again.path("queued").asInt() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    /** One line each time the counts change. */
    private final class Progress {
        private String last;

        void print(FleetStatus status) {
            String line = "  queued " + status.count("queued") + ", running " + status.count("running") + ", done "
                    + status.count("succeeded") + ", failed " + (status.count("failed") + status.count("partial"));
            if (!Objects.equals(line, last)) {
                out.println(line);
                out.flush();
                last = line;
            }
        }
    }
}
