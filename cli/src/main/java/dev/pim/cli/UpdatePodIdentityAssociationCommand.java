package dev.pim.cli;

import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationPlan;
import dev.pim.migration.association.AssociationUpdate;
import dev.pim.migration.association.Purpose;
import dev.pim.migration.association.RawAssociation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pim update podidentityassociation}: another role for existing associations. */
@Command(name = "podidentityassociation", aliases = "podidentityassociations", mixinStandardHelpOptions = true,
        description = "Give existing Pod Identity associations another role (--role-arn, or roleARN in the config "
                + "file). Add-on associations are refused: their role goes through UpdateAddon.")
final class UpdatePodIdentityAssociationCommand extends AssociationChangeCommand {

    @Option(names = "--role-arn", description = "The role the association should use.")
    String roleArn;

    @Override
    Purpose purpose() {
        return Purpose.UPDATE;
    }

    @Override
    RawAssociation flagsAssociation() {
        return new RawAssociation(namespace, serviceAccountName, roleArn, null, null, null, null, null, null);
    }

    @Override
    boolean associationFlagsGiven() {
        return super.associationFlagsGiven() || roleArn != null;
    }

    @Override
    AssociationPlan plan(AssociationContext context, Target target) {
        return new AssociationUpdate(context).plan(target.associations());
    }
}
