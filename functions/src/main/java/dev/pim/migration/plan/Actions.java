package dev.pim.migration.plan;

import java.util.ArrayList;
import java.util.List;

/** The actions a plan takes for one binding, in the order a run takes them: what plan output lists. */
public final class Actions {

    private Actions() {
    }

    public static List<String> of(MigrationPlan plan, Binding b) {
        List<String> out = new ArrayList<>();
        MigrationOptions options = plan.options();
        if (!b.migratable()) {
            if (b.onPodIdentity()) {
                addCleanup(out, options, b);
            }
            return out;
        }
        RolePlan role = plan.role(b.associationRoleArn()).orElse(null);
        if (role != null && role.refused()) {
            out.add("none: " + role.refusal());
            return out;
        }
        if (role != null && role.trustChanges()) {
            out.add("add the Pod Identity trust statement to role " + role.roleName());
        }
        if (b.addon() != null) {
            out.add("UpdateAddon " + b.addon() + " with podIdentityAssociations " + b.serviceAccount().name()
                    + " -> " + b.associationRoleArn());
        } else {
            out.add("create association " + b.serviceAccount() + " -> " + b.associationRoleArn()
                    + (b.targetRoleArn() == null ? "" : " (targetRoleArn " + b.targetRoleArn() + ")"));
        }
        addCleanup(out, options, b);
        return out;
    }

    private static void addCleanup(List<String> out, MigrationOptions options, Binding b) {
        if (options.restartWorkloads() && !b.workloads().isEmpty()) {
            out.add("restart " + String.join(", ", b.workloads().stream().map(Object::toString).toList()));
        }
        if (options.removeIrsaAnnotation()) {
            out.add("remove the eks.amazonaws.com/role-arn annotation once its pods run with Pod Identity");
        }
        if (options.removeOidcTrust() && b.targetRoleArn() == null) {
            out.add("remove " + b.serviceAccount().subject() + " from the role's OIDC trust once verified");
        }
    }
}
