package dev.pim.migration.plan;

import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.preflight.Preflight;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run would do to one cluster, computed before anything is done: printed by {@code plan},
 * carried out by {@code migrate --approve}.
 *
 * @param installAgentVersion the agent add-on version to install, or null when it is present (or Auto Mode)
 * @param providerArn          this cluster's IAM OIDC provider ARN in its account
 */
public record MigrationPlan(ClusterInfo cluster, Preflight preflight, List<Binding> bindings, List<RolePlan> roles,
                            List<AddonPlan> addons, String installAgentVersion, String providerArn,
                            MigrationOptions options) {

    public MigrationPlan {
        bindings = List.copyOf(bindings);
        roles = List.copyOf(roles);
        addons = List.copyOf(addons);
    }

    public Map<BindingClass, Long> countsByClass() {
        Map<BindingClass, Long> out = new EnumMap<>(BindingClass.class);
        bindings.forEach(b -> out.merge(b.bindingClass(), 1L, Long::sum));
        return out;
    }

    public Optional<RolePlan> role(String roleArn) {
        return roles.stream().filter(r -> r.roleArn().equals(roleArn)).findFirst();
    }

    public List<Binding> migratable() {
        return bindings.stream().filter(Binding::migratable).toList();
    }

    /** Whether the plan has anything to change (trust, associations, add-ons or the agent). */
    public boolean hasChanges() {
        return installAgentVersion != null || !addons.isEmpty()
                || roles.stream().anyMatch(r -> !r.refused() && (r.trustChanges() || !r.associations().isEmpty()));
    }
}
