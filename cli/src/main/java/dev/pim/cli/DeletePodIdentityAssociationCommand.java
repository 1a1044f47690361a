package dev.pim.cli;

import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationDeletion;
import dev.pim.migration.association.AssociationPlan;
import dev.pim.migration.association.Purpose;
import picocli.CommandLine.Command;

/** {@code pim delete podidentityassociation}: the associations, and the roles pim created for them. */
@Command(name = "podidentityassociation", aliases = "podidentityassociations", mixinStandardHelpOptions = true,
        description = "Delete Pod Identity associations, and the roles pim created for them (tagged "
                + "pod-identity-migrator/created-for); a role pim did not create is never deleted.")
final class DeletePodIdentityAssociationCommand extends AssociationChangeCommand {

    @Override
    Purpose purpose() {
        return Purpose.SELECT;
    }

    @Override
    AssociationPlan plan(AssociationContext context, Target target) {
        return new AssociationDeletion(context).plan(target.associations());
    }
}
