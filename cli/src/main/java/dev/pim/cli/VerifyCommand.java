package dev.pim.cli;

import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code pim verify}: is every binding on Pod Identity working, and what is left of IRSA. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check each migrated binding: association with the right role, trust allowing Pod Identity, running "
                + "pods with the Pod Identity environment and not the IRSA one; list what is left (annotation, pods not "
                + "restarted, OIDC trust). Exit 0 when clean, 3 otherwise.")
final class VerifyCommand extends ClusterCommand {

    @Override
    int run(Engine engine, PrintWriter out) throws java.io.IOException {
        MigrationPlan plan = engine.session.plan(MigrationOptions.planOnly());
        VerificationReport report = engine.session.verify(plan);
        if (json()) {
            out.println(Views.JSON.writeValueAsString(Views.verification(report)));
        } else {
            Tables.verification(out, report);
            long notMigrated = plan.bindings().stream().filter(b -> !b.onPodIdentity()).count();
            if (notMigrated > 0) {
                out.println("Not on Pod Identity: " + notMigrated + " binding(s) (see pim plan)");
            }
        }
        out.flush();
        return report.clean() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
