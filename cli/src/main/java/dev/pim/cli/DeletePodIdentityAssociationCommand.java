package dev.pim.cli;

import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationDeletion;
import dev.pim.migration.association.Purpose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code pim delete podidentityassociation}: the associations, and the roles pim created for them. */
@Command(name = "podidentityassociation", aliases = "podidentityassociations", mixinStandardHelpOptions = true,
        description = "Delete Pod Identity associations, and the roles pim created for them (tagged "
                + "pod-identity-migrator/created-for); a role pim did not create is never deleted.")
final class DeletePodIdentityAssociationCommand extends AssociationCommand {

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Override
    Purpose purpose() {
        return Purpose.SELECT;
    }

    @Override
    int run(AssociationContext context, Target target, PrintWriter out, int[] applied) {
        return planThenApply(new AssociationDeletion(context).plan(target.associations()), dryRun, out, applied);
    }
}
