package dev.pim.migration.plan;

import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.preflight.Preflight;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a run would do to one cluster, computed before anything is done: printed by {@code plan},
 * carried out by {@code migrate --approve}.
 *
 * @param installAgentVersion the agent add-on version to install, or null when it is present (or Auto Mode), or
 *                            when nothing would use it
 * @param providerArn          this cluster's IAM OIDC provider ARN in its account
 * @param warnings             what the plan leaves alone on purpose and a human should know (beside each
 *                             binding's own warnings)
 * @param webhookFindings      what the IRSA webhook's other settings of the migrated bindings become
 */
public record MigrationPlan(ClusterInfo cluster, Preflight preflight, List<Binding> bindings, List<RolePlan> roles,
                            List<AddonPlan> addons, String installAgentVersion, String providerArn,
                            MigrationOptions options, List<String> warnings, List<WebhookFinding> webhookFindings) {

    public MigrationPlan {
        bindings = List.copyOf(bindings);
        roles = List.copyOf(roles);
        addons = List.copyOf(addons);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        webhookFindings = webhookFindings == null ? List.of() : List.copyOf(webhookFindings);
    }

    /** A plan without webhook findings. */
    public MigrationPlan(ClusterInfo cluster, Preflight preflight, List<Binding> bindings, List<RolePlan> roles,
                         List<AddonPlan> addons, String installAgentVersion, String providerArn,
                         MigrationOptions options, List<String> warnings) {
        this(cluster, preflight, bindings, roles, addons, installAgentVersion, providerArn, options, warnings, List.of());
    }

    /** Every warning: the plan's own, each binding's, then the webhook findings above information, once each. */
    public List<String> allWarnings() {
        return Stream.of(warnings.stream(), bindings.stream().flatMap(b -> b.warnings().stream()),
                        webhookFindings.stream().filter(f -> f.level() != WebhookFinding.Level.INFO).map(WebhookFinding::text))
                .flatMap(s -> s).distinct().toList();
    }

    /** The containers that would gain credentials, unless the options accept it: an approved run is refused. */
    public List<WebhookFinding> unacceptedSkippedContainers() {
        if (options != null && options.acceptSkippedContainers()) {
            return List.of();
        }
        return webhookFindings.stream().filter(f -> f.level() == WebhookFinding.Level.NEEDS_ACCEPTANCE).toList();
    }

    /** Whether anything will use the Pod Identity agent: an association to create or an add-on to move. */
    public boolean createsAssociations() {
        return !addons.isEmpty() || roles.stream().anyMatch(r -> !r.refused() && !r.associations().isEmpty());
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

    /** The same plan with one more warning (a limit the run would pass, found after planning). */
    public MigrationPlan withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new MigrationPlan(cluster, preflight, bindings, roles, addons, installAgentVersion, providerArn, options, more,
                webhookFindings);
    }
}
