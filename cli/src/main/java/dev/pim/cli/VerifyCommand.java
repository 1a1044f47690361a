package dev.pim.cli;

import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/** {@code pim verify}: is every binding on Pod Identity working, and what is left of IRSA. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check each migrated binding: association with the right role, trust allowing Pod Identity, running "
                + "pods with the Pod Identity environment and not the IRSA one; list what is left (annotation, pods not "
                + "restarted, OIDC trust). Exit 0 when every migratable binding is migrated and verified, 3 otherwise.")
final class VerifyCommand extends ClusterCommand {

    @Override
    int run(Engine engine, PrintWriter out) throws IOException {
        MigrationPlan plan = engine.session.plan(MigrationOptions.planOnly());
        List<Binding> migrated = plan.bindings().stream()
                .filter(b -> b.bindingClass() == BindingClass.ALREADY_MIGRATED).toList();
        VerificationReport report = engine.session.verify(migrated, plan.providerArn());
        long notMigrated = plan.migratable().size();
        if (json()) {
            out.println(Views.JSON.writeValueAsString(Views.verification(report).put("notMigrated", notMigrated)));
        } else {
            Tables.verification(out, report);
            if (notMigrated > 0) {
                out.println("Not migrated yet: " + notMigrated + " migratable binding(s) (see pim plan)");
            }
        }
        out.flush();
        return report.clean() && notMigrated == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
