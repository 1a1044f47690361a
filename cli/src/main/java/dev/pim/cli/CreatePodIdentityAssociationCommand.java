package dev.pim.cli;

import dev.pim.migration.association.AddonIdentity;
import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationCreation;
import dev.pim.migration.association.AssociationInputException;
import dev.pim.migration.association.AssociationPlan;
import dev.pim.migration.association.AssociationRequest;
import dev.pim.migration.association.AssociationRules;
import dev.pim.migration.association.FieldLabels;
import dev.pim.migration.association.Partition;
import dev.pim.migration.association.Purpose;
import dev.pim.migration.association.RawAssociation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** {@code pim create podidentityassociation}: eksctl's flags and config file, or an add-on's identity with --addon. */
@Command(name = "podidentityassociation", aliases = "podidentityassociations", mixinStandardHelpOptions = true,
        description = "Create Pod Identity associations: with an existing role (--role-arn), or with a role created for "
                + "them (trusting pods.eks.amazonaws.com, with --permission-policy-arns, --well-known-policies, a "
                + "boundary and tags). The plan is printed first; --dry-run stops there.")
final class CreatePodIdentityAssociationCommand extends AssociationChangeCommand {

    @Option(names = "--role-arn", description = "An existing role of the cluster's account.")
    String roleArn;

    @Option(names = "--role-name", description = "Name of the role to create (default: pim-<cluster>-<namespace>-<sa>-<hash>).")
    String roleName;

    @Option(names = "--permission-policy-arns", split = ",", description = "Managed policies to attach to the created role.")
    List<String> permissionPolicyArns;

    @Option(names = "--well-known-policies", split = ",",
            description = "eksctl's well-known policies for the created role: autoScaler, awsLoadBalancerController, "
                    + "externalDNS, certManager, ebsCSIController, efsCSIController, imageBuilder.")
    List<String> wellKnownPolicies;

    @Option(names = {"--permissions-boundary-arn", "--permission-boundary-arn"},
            description = "Permissions boundary of the created role.")
    String permissionsBoundaryArn;

    @Option(names = "--tags", split = ",", description = "Tags of the created role (and the association), k1=v1,k2=v2.")
    Map<String, String> tags;

    @Option(names = "--addon", description = "Give this add-on's service accounts their role through UpdateAddon; "
            + "without --role-arn, a role per service account is created from the policies AWS recommends for it.")
    String addon;

    @Override
    Purpose purpose() {
        return Purpose.CREATE;
    }

    @Override
    RawAssociation flagsAssociation() {
        return new RawAssociation(namespace, serviceAccountName, roleArn, roleName, trimmed(permissionPolicyArns), null,
                trimmed(wellKnownPolicies), permissionsBoundaryArn, tags);
    }

    @Override
    boolean associationFlagsGiven() {
        return super.associationFlagsGiven() || roleArn != null || roleName != null || permissionPolicyArns != null
                || wellKnownPolicies != null || permissionsBoundaryArn != null || tags != null || addon != null;
    }

    @Override
    List<AssociationRequest> flagsRequests(String region) {
        if (addon == null) {
            return super.flagsRequests(region);
        }
        if (namespace != null || serviceAccountName != null || roleName != null || permissionPolicyArns != null
                || wellKnownPolicies != null || permissionsBoundaryArn != null || tags != null) {
            throw new UsageException("--addon takes only --role-arn: the add-on names its service accounts, and AWS "
                    + "recommends their policies");
        }
        if (roleArn != null) {
            // The same rules as an association's roleARN: form and partition.
            AssociationRules.check(new RawAssociation("kube-system", "addon", roleArn, null, null, null, null, null, null),
                    Purpose.UPDATE, Partition.ofRegion(region), FieldLabels.flags());
        }
        return List.of();
    }

    @Override
    AssociationPlan plan(AssociationContext context, Target target) {
        return addon != null ? new AddonIdentity(context).plan(addon, roleArn)
                : new AssociationCreation(context).plan(target.associations());
    }

    private static List<String> trimmed(List<String> values) {
        if (values == null) {
            return null;
        }
        List<String> kept = values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
        if (kept.isEmpty()) {
            throw new AssociationInputException("the command line", "an empty list");
        }
        return kept;
    }
}
