package dev.pim.migration.plan;

import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.trust.SubjectGrant;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges what discovery found (annotations, trust policies, add-ons, associations) into bindings and
 * classifies each. A pure function of the inventory: plan mode and apply mode see the same answer.
 */
public final class BindingClassifier {
    private final ClusterInventory inventory;
    private final String bridgeRoleArn;
    private final Placement placement;
    private final String providerArn;
    private final Map<ServiceAccountRef, ServiceAccountInfo> serviceAccounts = new LinkedHashMap<>();
    private final Map<ServiceAccountRef, AssociationInfo> associations = new LinkedHashMap<>();

    /** @param bridgeRoleArn a same-account role to chain into cross-account roles with, or null to skip them */
    public BindingClassifier(ClusterInventory inventory, String bridgeRoleArn) {
        this.inventory = inventory;
        this.bridgeRoleArn = bridgeRoleArn;
        this.placement = new Placement(inventory);
        this.providerArn = inventory.cluster().oidcProviderArn(inventory.cluster().ref().accountId());
        inventory.serviceAccounts().forEach(sa -> serviceAccounts.put(sa.ref(), sa));
        inventory.associations().forEach(a -> associations.put(a.serviceAccount(), a));
    }

    public List<Binding> classify() {
        Map<ServiceAccountRef, Map<String, Candidate>> candidates = new TreeMap<>();
        collectAnnotations(candidates);
        collectAddons(candidates);
        collectTrust(candidates);
        collectAssociations(candidates);
        List<Binding> out = new ArrayList<>();
        candidates.forEach((sa, byRole) -> byRole.values().forEach(c -> out.add(classify(sa, c, byRole))));
        return out;
    }

    /** A (service account, role) pair and how it was found. */
    private static final class Candidate {
        final String roleArn;
        final Set<BindingSource> sources = EnumSet.noneOf(BindingSource.class);
        String addon;

        Candidate(String roleArn) {
            this.roleArn = roleArn;
        }
    }

    private static Candidate candidate(Map<ServiceAccountRef, Map<String, Candidate>> all, ServiceAccountRef sa,
                                       String roleArn, BindingSource source) {
        Candidate c = all.computeIfAbsent(sa, k -> new LinkedHashMap<>()).computeIfAbsent(roleArn, Candidate::new);
        c.sources.add(source);
        return c;
    }

    private void collectAnnotations(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (ServiceAccountInfo sa : inventory.serviceAccounts()) {
            String annotation = sa.roleArnAnnotation();
            if (annotation != null) {
                candidate(all, sa.ref(), annotation.trim(), BindingSource.ANNOTATION);
            }
        }
    }

    /** An add-on on IRSA binds the service accounts annotated with its role, else those its role trusts. */
    private void collectAddons(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (AddonInfo addon : inventory.addons()) {
            if (!addon.usesIrsa()) {
                continue;
            }
            List<ServiceAccountRef> bound = inventory.serviceAccounts().stream()
                    .filter(sa -> addon.serviceAccountRoleArn().equals(sa.roleArnAnnotation()))
                    .map(ServiceAccountInfo::ref).toList();
            if (bound.isEmpty()) {
                bound = grantsOf(addon.serviceAccountRoleArn()).stream()
                        .flatMap(g -> g.serviceAccount().stream())
                        .filter(s -> !s.namespace().contains("*") && !s.name().contains("*"))
                        .map(s -> new ServiceAccountRef(s.namespace(), s.name())).toList();
            }
            for (ServiceAccountRef sa : bound) {
                candidate(all, sa, addon.serviceAccountRoleArn(), BindingSource.ADDON).addon = addon.name();
            }
        }
    }

    /** Every service account a role's trust names for this cluster; patterns expand to existing accounts. */
    private void collectTrust(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (RoleInfo role : inventory.roles().values()) {
            for (SubjectGrant grant : grantsOf(role.arn())) {
                if (grant.isPattern()) {
                    serviceAccounts.keySet().stream()
                            .filter(sa -> grant.matches(sa.namespace(), sa.name()))
                            .forEach(sa -> candidate(all, sa, role.arn(), BindingSource.TRUST));
                } else {
                    grant.serviceAccount().ifPresent(s -> candidate(all, new ServiceAccountRef(s.namespace(), s.name()),
                            role.arn(), BindingSource.TRUST));
                }
            }
        }
    }

    private void collectAssociations(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (AssociationInfo a : inventory.associations()) {
            String role = a.targetRoleArn() != null ? a.targetRoleArn() : a.roleArn();
            Map<String, Candidate> byRole = all.get(a.serviceAccount());
            // An association confirms the binding it serves; alone it is a service account already on Pod Identity.
            if (byRole == null) {
                candidate(all, a.serviceAccount(), role, BindingSource.ASSOCIATION);
            } else if (byRole.containsKey(role)) {
                byRole.get(role).sources.add(BindingSource.ASSOCIATION);
            }
        }
    }

    private List<SubjectGrant> grantsOf(String roleArn) {
        RoleInfo role = inventory.roles().get(roleArn);
        if (role == null || providerArn == null) {
            return List.of();
        }
        try {
            return TrustPolicy.parse(roleArn, role.trustPolicy()).subjectsGrantedTo(providerArn);
        } catch (TrustPolicyException e) {
            return List.of();
        }
    }

    private Binding classify(ServiceAccountRef sa, Candidate c, Map<String, Candidate> sameAccount) {
        Verdict v = verdict(sa, c, sameAccount);
        boolean actionable = v.bindingClass == BindingClass.MIGRATABLE;
        String associationRole = !actionable ? null : v.bridged ? bridgeRoleArn : c.roleArn;
        return new Binding(sa, c.roleArn, c.sources, v.bindingClass, v.reason, warnings(c), c.addon,
                associationRole, actionable && v.bridged ? c.roleArn : null, placement.workloadsOf(sa));
    }

    private record Verdict(BindingClass bindingClass, String reason, boolean bridged) {
        static Verdict of(BindingClass c, String reason) {
            return new Verdict(c, reason, false);
        }
    }

    private Verdict verdict(ServiceAccountRef sa, Candidate c, Map<String, Candidate> sameAccount) {
        if (c.sources.equals(EnumSet.of(BindingSource.ASSOCIATION))) {
            return Verdict.of(BindingClass.ALREADY_MIGRATED, "on Pod Identity (association "
                    + associations.get(sa).id() + "); no IRSA left");
        }
        RoleArn role;
        try {
            role = RoleArn.parse(c.roleArn);
        } catch (InvalidRoleArnException e) {
            return Verdict.of(BindingClass.BROKEN, "the role-arn annotation " + e.getMessage());
        }
        String partition = inventory.cluster().partition();
        if (!role.partition().equals(partition)) {
            return Verdict.of(BindingClass.BROKEN, "the role is in partition " + role.partition()
                    + " but the cluster is in " + partition);
        }
        if (c.sources.equals(EnumSet.of(BindingSource.TRUST))) {
            Optional<Verdict> stale = staleTrust(sa, c, sameAccount);
            if (stale.isPresent()) {
                return stale.get();
            }
        }
        Optional<Verdict> existing = existingAssociation(sa, c);
        if (existing.isPresent()) {
            return existing.get();
        }
        String clusterAccount = inventory.cluster().ref().accountId();
        if (!role.accountId().equals(clusterAccount)) {
            return crossAccount(role, clusterAccount);
        }
        if (inventory.missingRoles().contains(c.roleArn) || !inventory.roles().containsKey(c.roleArn)) {
            return Verdict.of(BindingClass.BROKEN, "role " + role.name() + " does not exist in account " + role.accountId());
        }
        if (!serviceAccounts.containsKey(sa)) {
            return Verdict.of(BindingClass.STALE_TRUST, "no service account " + sa + " in the cluster");
        }
        if (grantsOf(c.roleArn).stream().noneMatch(g -> g.matches(sa.namespace(), sa.name()))) {
            return Verdict.of(BindingClass.BROKEN, "role " + role.name() + " does not trust this cluster's OIDC provider for " + sa);
        }
        Optional<Verdict> addon = addonSupport(sa, c);
        if (addon.isPresent()) {
            return addon.get();
        }
        Optional<String> unsupported = placement.unsupportedReason(sa);
        if (unsupported.isPresent()) {
            return Verdict.of(BindingClass.UNSUPPORTED_PLACEMENT, unsupported.get());
        }
        return Verdict.of(BindingClass.MIGRATABLE, c.addon != null ? "through add-on " + c.addon
                : c.sources.contains(BindingSource.ANNOTATION) ? "annotated service account"
                : "role trusts it (no annotation): its pods get the role only once Pod Identity is on");
    }

    private Optional<Verdict> existingAssociation(ServiceAccountRef sa, Candidate c) {
        AssociationInfo a = associations.get(sa);
        if (a == null) {
            return Optional.empty();
        }
        String associated = a.targetRoleArn() != null ? a.targetRoleArn() : a.roleArn();
        if (Objects.equals(associated, c.roleArn)) {
            return Optional.of(Verdict.of(BindingClass.ALREADY_MIGRATED, "association " + a.id() + " already uses this role"
                    + (a.ownedByAddon() ? " (owned by its add-on)" : "")));
        }
        return Optional.of(Verdict.of(BindingClass.CONFLICT, "association " + a.id() + " uses role " + associated
                + ", not " + c.roleArn + ": resolve by hand"));
    }

    /** A role that trusts a service account which does not exist, or which is annotated with another role. */
    private Optional<Verdict> staleTrust(ServiceAccountRef sa, Candidate c, Map<String, Candidate> sameAccount) {
        if (!serviceAccounts.containsKey(sa)) {
            return Optional.of(Verdict.of(BindingClass.STALE_TRUST, "no service account " + sa + " in the cluster"));
        }
        Optional<String> used = sameAccount.values().stream()
                .filter(o -> o != c && (o.sources.contains(BindingSource.ANNOTATION) || o.sources.contains(BindingSource.ADDON)))
                .map(o -> o.roleArn).findFirst();
        return used.map(u -> Verdict.of(BindingClass.STALE_TRUST, "the role trusts " + sa + " but it uses role " + u));
    }

    private Verdict crossAccount(RoleArn role, String clusterAccount) {
        if (bridgeRoleArn == null) {
            return Verdict.of(BindingClass.CROSS_ACCOUNT, "role is in account " + role.accountId() + ", the cluster in "
                    + clusterAccount + "; an association needs a same-account role: pass --cross-account-bridge-role "
                    + "to chain into it with targetRoleArn");
        }
        return new Verdict(BindingClass.MIGRATABLE, "cross-account: through " + bridgeRoleArn
                + " (targetRoleArn); the target role must trust it", true);
    }

    private Optional<Verdict> addonSupport(ServiceAccountRef sa, Candidate c) {
        if (c.addon == null) {
            return Optional.empty();
        }
        AddonInfo addon = inventory.addons().stream().filter(a -> a.name().equals(c.addon)).findFirst().orElseThrow();
        if (addon.podIdentityServiceAccounts().isEmpty()) {
            return Optional.of(Verdict.of(BindingClass.UNSUPPORTED_ADDON, "add-on " + addon.name() + " " + addon.version()
                    + " does not support Pod Identity: update the add-on to a version that does, then migrate"));
        }
        if (!addon.podIdentityServiceAccounts().contains(sa.name())) {
            return Optional.of(Verdict.of(BindingClass.UNSUPPORTED_ADDON, "add-on " + addon.name() + " " + addon.version()
                    + " supports Pod Identity only for " + addon.podIdentityServiceAccounts()));
        }
        return Optional.empty();
    }

    private List<String> warnings(Candidate c) {
        List<String> out = new ArrayList<>();
        RoleInfo role = inventory.roles().get(c.roleArn);
        if (role == null) {
            return out;
        }
        if (role.cloudFormationStack() != null) {
            out.add("role " + role.name() + " belongs to CloudFormation stack " + role.cloudFormationStack()
                    + ": change its template too, or the next stack update reverts this migration (drift)");
        }
        if (grantsOf(c.roleArn).stream().anyMatch(SubjectGrant::isUnrestricted)) {
            out.add("role " + role.name() + " trusts every service account of this cluster (no sub condition)");
        }
        return out;
    }
}
