package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;

import java.util.List;
import java.util.Set;

/**
 * A service account bound to an IAM role through IRSA, as discovery found it, and what to do with it.
 *
 * @param roleArn            the role as found (an annotation may hold text that is no ARN at all)
 * @param addon              the add-on whose {@code UpdateAddon} migrates it, or null for a standalone association
 * @param associationRoleArn the same-account role the association will name (the role itself, or a bridge
 *                           role for a cross-account role); null when nothing is to be created
 * @param targetRoleArn      the cross-account role the bridge chains into, or null
 * @param workloads          the workloads whose pods use the service account
 */
public record Binding(ServiceAccountRef serviceAccount, String roleArn, Set<BindingSource> sources,
                      BindingClass bindingClass, String reason, List<String> warnings, String addon,
                      String associationRoleArn, String targetRoleArn, List<WorkloadRef> workloads) {

    public Binding {
        sources = Set.copyOf(sources);
        warnings = List.copyOf(warnings);
        workloads = List.copyOf(workloads);
    }

    public boolean migratable() {
        return bindingClass == BindingClass.MIGRATABLE;
    }

    /** Migrated by this run or before: the bindings verification and cleanup look at. */
    public boolean onPodIdentity() {
        return bindingClass == BindingClass.MIGRATABLE || bindingClass == BindingClass.ALREADY_MIGRATED;
    }

    public String key() {
        return serviceAccount + " -> " + roleArn;
    }
}
