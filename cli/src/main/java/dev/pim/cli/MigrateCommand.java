package dev.pim.cli;

import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.RunInterruptedException;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/** {@code pim migrate}: plan, and with {@code --approve} carry it out. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrate a cluster's IRSA bindings to EKS Pod Identity. Without --approve, only shows the plan.")
final class MigrateCommand extends ClusterCommand {

    @Mixin
    ChangeOptions changes;

    @Option(names = "--timeout", defaultValue = "25m", converter = DurationConverter.class,
            description = "How long to wait for the agent add-on and for rollouts (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--restart-budget", defaultValue = "2", description = "Workloads restarted at once (default: ${DEFAULT-VALUE}).")
    int restartBudget;

    @Option(names = "--concurrency", defaultValue = "4", description = "Roles updated at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--remove-wildcard-oidc-trust",
            description = "With --remove-oidc-trust, also remove a StringLike subject pattern once every service account it "
                    + "matches today is verified (service accounts created later that match it lose their IRSA path).")
    boolean removeWildcardOidcTrust;

    @Option(names = "--accept-skipped-containers",
            description = "Accept that containers the IRSA webhook skips (pod annotation eks.amazonaws.com/skip-containers) "
                    + "get the role's credentials under Pod Identity, which injects every container. Without it, an "
                    + "approved run whose plan has such containers is refused before any change, naming them.")
    boolean acceptSkippedContainers;

    @Mixin
    PlanOutputOptions planOutput;

    @Override
    void validate() {
        String unapproved = changes.cleanupWithoutApprove();
        if (unapproved != null) {
            throw new UsageException(unapproved + " changes the cluster, so it needs --approve (nothing was changed)");
        }
        if (restartBudget < 1) {
            throw new UsageException("--restart-budget must be at least 1, got " + restartBudget);
        }
        planOutput.includedServiceAccounts();
        planOutput.trustScope();
        planOutput.associationsPerCluster();
        if (removeWildcardOidcTrust && !changes.removeOidcTrust) {
            throw new UsageException("--remove-wildcard-oidc-trust only makes sense with --remove-oidc-trust (nothing was changed)");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new UsageException("--concurrency must be within 1..64, got " + concurrency);
        }
    }

    @Override
    int run(Engine engine, PrintWriter out) throws IOException {
        MigrationOptions options = changes.shape(planOutput.shape(MigrationOptions.builder())).restartBudget(restartBudget)
                .concurrency(concurrency).timeout(timeout).removeWildcardOidcTrust(removeWildcardOidcTrust)
                .acceptSkippedContainers(acceptSkippedContainers).build();
        MigrationPlan plan = engine.session.plan(options);
        if (!changes.approve) {
            int code = planOutput.print(plan, json(), out);
            if (!json()) {
                out.println();
                out.println(plan.preflight().passed()
                        ? "No change was made: run again with --approve to carry out this plan."
                        : "No change was made, and --approve would be refused: a preflight check failed (above).");
                out.flush();
            }
            return code;
        }
        MigrationReport report;
        try {
            report = engine.session.migrate(plan);
        } catch (RunInterruptedException e) {
            return interrupted(e);
        }
        engine.progress.close();
        var calls = engine.calls();
        String journal = report.runId() == null ? null
                : engine.journalLocation + " (run " + report.runId() + ")";
        if (json()) {
            out.println(Views.JSON.writeValueAsString(Views.report(report, calls)));
        } else {
            Tables.report(out, report, calls, journal);
        }
        out.flush();
        return exitCode(report);
    }

    /** The documented exit code of a finished run (package-private: tested without a cluster). */
    static int exitCode(MigrationReport report) {
        return switch (report.status()) {
            case SUCCEEDED, PLANNED -> ExitCodes.OK;
            case PARTIAL -> ExitCodes.PARTIAL;
            case FAILED -> report.changedAnything() ? ExitCodes.FAILED_AFTER_CHANGES : ExitCodes.FAILED;
        };
    }

    private int interrupted(RunInterruptedException e) {
        return interrupted(e, spec.qualifiedName(), spec.commandLine().getErr());
    }

    /** A run that stopped part-way: which run, whether it changed anything, and how to finish or undo it. */
    static int interrupted(RunInterruptedException e, String command, PrintWriter err) {
        err.println(command + ": " + e.getMessage());
        if (!e.mayHaveChanged()) {
            err.println("It changed nothing (its journal holds no write).");
            err.flush();
            return ExitCodes.FAILED;
        }
        err.println("It may have changed the cluster. Re-run the same command to finish it (every step is idempotent), "
                + "or undo it with: " + Tables.rollbackCommand(e.cluster().name(), e.runId()));
        err.flush();
        return ExitCodes.FAILED_AFTER_CHANGES;
    }
}
