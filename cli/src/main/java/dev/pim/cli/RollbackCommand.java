package dev.pim.cli;

import dev.pim.ledger.LedgerStoreException;
import dev.pim.migration.port.RoleLeases.LeaseUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;

import dev.pim.migration.apply.StepResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** {@code pim rollback}: undo runs from their journals. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Undo migration runs of a cluster, newest first (or one run with --run): restore removed annotations "
                + "and the saved trust policies (only where they are still what the run wrote), restore add-ons, delete the "
                + "associations the runs created, restart the restarted workloads, remove the agent a run installed.")
final class RollbackCommand extends ClusterCommand {

    @Option(names = "--run", paramLabel = "RUN_ID", description = "Roll back only this run.")
    String runId;

    @Option(names = "--keep-agent", description = "Leave the eks-pod-identity-agent add-on installed.")
    boolean keepAgent;

    @Option(names = "--timeout", defaultValue = "25m", converter = DurationConverter.class,
            description = "How long to wait for add-on updates (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    void validate() {
        if (runId != null && !runId.matches("[0-9A-Za-z-]+")) {
            throw new UsageException("--run: '" + runId + "' is not a run id (they look like 20261122T220501Z-k3f9)");
        }
    }

    @Override
    int run(Engine engine, PrintWriter out) throws java.io.IOException {
        if (runId != null && engine.journal.run(runId).isEmpty()) {
            throw new IllegalArgumentException("--run: no run '" + runId + "' in the journal at " + engine.journalLocation);
        }
        // The cluster and the journal first: AWS unreachable or a journal that cannot be read there has changed
        // nothing, so it is a failure before any change (ClusterCommand names the endpoint or the journal), not a
        // rollback stopped part-way.
        engine.journal.runs(engine.session.cluster().ref());
        List<StepResult> results;
        try {
            results = engine.session.rollback(runId, keepAgent, timeout);
        } catch (SdkException | IllegalStateException | LeaseUnavailableException | LedgerStoreException e) {
            // Part of the rollback may be done: say so, and how to finish it (each of its steps is idempotent).
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.qualifiedName() + ": the rollback stopped part-way: "
                    + (e instanceof SdkException sdk ? failedCall(sdk) : e.getMessage()));
            err.println("It may have changed the cluster already: run the same command again to finish it.");
            err.flush();
            return ExitCodes.FAILED_AFTER_CHANGES;
        }
        engine.progress.close();
        if (json()) {
            out.println(Views.JSON.writeValueAsString(results));
        } else if (results.isEmpty()) {
            out.println("Nothing to roll back for " + cluster.cluster + " in " + engine.journalLocation);
        } else {
            Tables.results(out, results);
        }
        out.flush();
        return results.stream().anyMatch(StepResult::failed) ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
