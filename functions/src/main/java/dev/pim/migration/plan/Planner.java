package dev.pim.migration.plan;

import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.trust.CallFacts;
import dev.pim.migration.trust.PodIdentityScope;
import dev.pim.migration.trust.TrustDecision;
import dev.pim.migration.trust.TrustEdit;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns an inventory into a plan: a pure function, so plan mode shows exactly what apply will do. */
public final class Planner {
    private final ClusterInventory inventory;
    private final MigrationOptions options;
    private final String providerArn;
    private final TrustReader trust;

    private Planner(ClusterInventory inventory, MigrationOptions options) {
        this.inventory = inventory;
        this.options = options;
        this.trust = new TrustReader(inventory);
        this.providerArn = inventory.cluster().oidcProviderArn(inventory.cluster().ref().accountId());
    }

    /**
     * @param bridgeRoleArn       the resolved cross-account bridge role, or null
     * @param agentDefaultVersion the agent version EKS would install, used when the agent is absent
     */
    public static MigrationPlan plan(ClusterInventory inventory, Preflight preflight, MigrationOptions options,
                                     String bridgeRoleArn, String agentDefaultVersion) {
        Planner planner = new Planner(inventory, options);
        Set<ServiceAccountRef> included = Set.copyOf(options.includeServiceAccounts());
        planner.requireExisting(included);
        List<Binding> bindings = new BindingClassifier(inventory, bridgeRoleArn, included).classify();
        List<RolePlan> roles = planner.roles(bindings);
        Set<String> refused = roles.stream().filter(RolePlan::refused).map(RolePlan::roleArn).collect(Collectors.toSet());
        List<AddonPlan> addons = planner.addons(bindings, refused);
        boolean associates = !addons.isEmpty() || roles.stream().anyMatch(r -> !r.refused() && !r.associations().isEmpty());
        // The agent is installed only for what will use it: a cluster with nothing to associate is left as it is.
        String install = preflight.agent() == AgentState.ABSENT && associates ? agentDefaultVersion : null;
        AssociationQuota quota = AssociationQuota.of(inventory.cluster().ref().name(), inventory.associations(), roles,
                addons, options.associationsPerCluster());
        return new MigrationPlan(inventory.cluster(), quota.check().map(preflight::with).orElse(preflight), bindings,
                roles, addons, install, planner.providerArn, options,
                Stream.concat(WideTrust.warnings(inventory, bindings, included).stream(),
                        StackTemplateChanges.warnings(inventory, roles).stream()).toList(),
                WebhookSettings.findings(inventory, bindings));
    }

    /** A service account named with --include-service-account must exist: a typo would otherwise pass unseen. */
    private void requireExisting(Set<ServiceAccountRef> included) {
        Set<ServiceAccountRef> existing = inventory.serviceAccounts().stream().map(sa -> sa.ref()).collect(Collectors.toSet());
        List<String> missing = included.stream().filter(sa -> !existing.contains(sa)).map(Object::toString).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--include-service-account: no service account " + String.join(", ", missing)
                    + " in cluster " + inventory.cluster().ref().name());
        }
    }

    /**
     * The roles a run touches: those its associations name, and with OIDC cleanup asked for, also the roles
     * of bindings already on Pod Identity (a cleanup left for later is done then).
     */
    private List<RolePlan> roles(List<Binding> bindings) {
        Map<String, List<Binding>> byRole = new TreeMap<>();
        for (Binding b : bindings) {
            if (b.migratable()) {
                byRole.computeIfAbsent(b.associationRoleArn(), k -> new ArrayList<>()).add(b);
            }
        }
        if (options.removeOidcTrust()) {
            for (Binding b : bindings) {
                if (b.bindingClass() == BindingClass.ALREADY_MIGRATED && inventory.roles().containsKey(b.roleArn())) {
                    byRole.computeIfAbsent(b.roleArn(), k -> new ArrayList<>());
                }
            }
        }
        List<RolePlan> out = new ArrayList<>();
        byRole.forEach((roleArn, roleBindings) -> out.add(role(roleArn, roleBindings, bindings)));
        return out;
    }

    private RolePlan role(String roleArn, List<Binding> roleBindings, List<Binding> all) {
        String name = RoleArn.parse(roleArn).name();
        List<ServiceAccountRef> associations = roleBindings.stream().filter(b -> b.addon() == null)
                .map(Binding::serviceAccount).toList();
        List<String> addons = roleBindings.stream().map(Binding::addon).filter(a -> a != null).distinct().toList();
        RoleInfo role = inventory.roles().get(roleArn);
        int quota = inventory.trustPolicyQuota();
        if (role == null) {
            return new RolePlan(roleArn, name, null, null, false, 0, quota, null, List.of(),
                    "role " + name + " was not found in IAM", associations, addons);
        }
        TrustPolicy before;
        try {
            before = TrustPolicy.parse(roleArn, role.trustPolicy());
        } catch (TrustPolicyException e) {
            return new RolePlan(roleArn, name, role.trustPolicy(), null, false, 0, quota, null, List.of(),
                    e.getMessage(), associations, addons);
        }
        PodIdentityScope scope = scope(roleArn, roleBindings, all);
        TrustEdit add = before.ensurePodIdentity(scope);
        List<String> notes = new ArrayList<>(add.notes());
        String refusal = null;
        if (add.changed() && !add.fitsQuota(quota)) {
            refusal = "adding the Pod Identity statement makes the trust policy of role " + name + " "
                    + add.policy().size() + " characters, over the account's quota of " + quota + " by "
                    + add.charactersOver(quota) + " (shorten it, or raise the quota up to 4096)";
        }
        Optional<String> denied = podIdentityDenied(add.policy());
        if (refusal == null && denied.isPresent()) {
            refusal = "role " + name + ": " + denied.get() + ", so Pod Identity cannot use it on this cluster; nothing "
                    + "is changed for it (its bindings stay on IRSA)";
        }
        List<String> woken = add.changed() ? dormantAssociations(roleArn, before, add.policy()) : List.of();
        if (refusal == null && !woken.isEmpty()) {
            refusal = "adding the Pod Identity statement to role " + name + " would let " + String.join(", ", woken)
                    + " use it, which cannot use it today (the role does not trust pods.eks.amazonaws.com yet, nor that "
                    + "service account through IRSA): delete that association, or give it the role another way first";
        }
        String cleanup = null;
        OidcCleanup.Removal removal = options.removeOidcTrust() && refusal == null && providerArn != null
                ? subjectsToRemove(roleArn, before, all) : new OidcCleanup.Removal(Set.of(), List.of());
        notes.addAll(removal.notes());
        if (!removal.subjects().isEmpty()) {
            TrustEdit strip = add.policy().removeOidcSubjects(providerArn, removal.subjects());
            notes.addAll(strip.notes());
            strip.refusal().ifPresent(r -> notes.add("OIDC cleanup refused: " + r));
            cleanup = strip.policy().render();
        }
        return new RolePlan(roleArn, name, role.trustPolicy(), add.policy().render(), add.changed(),
                add.policy().size(), quota, cleanup, notes, refusal, associations, addons, scope);
    }

    /**
     * Whom the role's Pod Identity statement must admit: the service accounts this run moves to it, and those already on
     * Pod Identity with it (their association names it), each on this cluster.
     */
    private PodIdentityScope scope(String roleArn, List<Binding> roleBindings, List<Binding> all) {
        String clusterArn = clusterArn();
        List<PodIdentityScope.Subject> subjects = new ArrayList<>();
        roleBindings.forEach(b -> subjects.add(subject(clusterArn, b.serviceAccount())));
        Set<ServiceAccountRef> alreadyMigrated = all.stream().filter(b -> b.bindingClass() == BindingClass.ALREADY_MIGRATED)
                .map(Binding::serviceAccount).collect(Collectors.toSet());
        inventory.associations().stream()
                .filter(a -> roleArn.equals(a.roleArn()) && alreadyMigrated.contains(a.serviceAccount()))
                .forEach(a -> subjects.add(subject(clusterArn, a.serviceAccount())));
        return PodIdentityScope.of(options.trustScope(), subjects);
    }

    private static PodIdentityScope.Subject subject(String clusterArn, ServiceAccountRef sa) {
        return new PodIdentityScope.Subject(clusterArn, sa.namespace(), sa.name());
    }

    /** The ARN EKS tags sessions with ({@code eks-cluster-arn}); built from the cluster's name when discovery had none. */
    private String clusterArn() {
        var cluster = inventory.cluster();
        return cluster.arn() != null ? cluster.arn() : "arn:aws:eks:" + cluster.ref().region() + ":"
                + cluster.ref().accountId() + ":cluster/" + cluster.ref().name();
    }

    /**
     * The associations that name the role but cannot use it yet (the role's trust does not admit them through Pod
     * Identity), whose service account does not get the role through IRSA either, and which the edited policy may
     * admit: the Pod Identity statement would hand them the role (a scoped statement that does not admit them leaves
     * them as they are). One the policy already admits (a service account already on Pod Identity with the role, whose
     * scoped statement this edit widens for another) is given nothing new.
     */
    private List<String> dormantAssociations(String roleArn, TrustPolicy before, TrustPolicy after) {
        List<String> out = new ArrayList<>();
        String clusterArn = clusterArn();
        for (AssociationInfo a : inventory.associations()) {
            if (!roleArn.equals(a.roleArn()) || !mayAdmit(after, clusterArn, a.serviceAccount())
                    || admits(before, clusterArn, a.serviceAccount())) {
                continue;
            }
            String effective = a.targetRoleArn() != null ? a.targetRoleArn() : a.roleArn();
            Optional<ServiceAccountInfo> sa = inventory.serviceAccounts().stream()
                    .filter(s -> s.ref().equals(a.serviceAccount())).findFirst();
            boolean annotated = sa.map(ServiceAccountInfo::roleArnAnnotation)
                    .filter(effective::equals).isPresent();
            boolean irsa = sa.isPresent() && inventory.oidcAudiences().contains(sa.get().irsaAudience())
                    && (a.targetRoleArn() != null ? annotated
                    : trust.access(roleArn, a.serviceAccount(), sa.get().irsaAudience())
                    .filter(access -> access.allowed() && (annotated || access.named())).isPresent());
            if (!irsa) {
                out.add("association " + a.id() + " (" + a.serviceAccount() + ")");
            }
        }
        return out;
    }

    /** Whether the policy surely lets EKS open a session for the service account's pods (assume the role, tag it). */
    private static boolean admits(TrustPolicy policy, String clusterArn, ServiceAccountRef sa) {
        return Stream.of(CallFacts.ASSUME_ROLE, CallFacts.TAG_SESSION).allMatch(action -> policy.decide(CallFacts.podIdentity(
                action, clusterArn, Optional.of(sa.namespace()), Optional.of(sa.name()))).outcome() == TrustDecision.Outcome.ALLOWED);
    }

    /** Whether the policy may let EKS open a session for the service account's pods (surely, or on what it cannot know). */
    private static boolean mayAdmit(TrustPolicy policy, String clusterArn, ServiceAccountRef sa) {
        TrustDecision.Outcome outcome = policy.decide(CallFacts.podIdentity(CallFacts.ASSUME_ROLE, clusterArn,
                Optional.of(sa.namespace()), Optional.of(sa.name()))).outcome();
        return outcome == TrustDecision.Outcome.ALLOWED || outcome == TrustDecision.Outcome.UNCERTAIN;
    }

    /** Which statement surely denies EKS Pod Identity's call on this cluster, if one does (whatever the pod). */
    private Optional<String> podIdentityDenied(TrustPolicy policy) {
        if (inventory.cluster().arn() == null) {
            return Optional.empty();
        }
        for (String action : List.of(CallFacts.ASSUME_ROLE, CallFacts.TAG_SESSION)) {
            TrustDecision decision = policy.decide(CallFacts.podIdentity(action, inventory.cluster().arn(),
                    Optional.empty(), Optional.empty()));
            if (decision.outcome() == TrustDecision.Outcome.DENIED) {
                return Optional.of("statement " + (decision.denying().get(0) + 1) + " denies " + CallFacts.POD_IDENTITY_SERVICE
                        + " " + action);
            }
        }
        return Optional.empty();
    }

    /** This cluster's subjects of a role that may go once its service accounts are all on Pod Identity. */
    private OidcCleanup.Removal subjectsToRemove(String roleArn, TrustPolicy policy, List<Binding> all) {
        Set<ServiceAccountRef> migrated = all.stream()
                .filter(b -> b.onPodIdentity() && roleArn.equals(b.roleArn()))
                .map(Binding::serviceAccount).collect(Collectors.toSet());
        List<ServiceAccountRef> existing = inventory.serviceAccounts().stream().map(sa -> sa.ref()).toList();
        return OidcCleanup.removable(policy, providerArn, existing, migrated, options.removeWildcardOidcTrust());
    }

    private List<AddonPlan> addons(List<Binding> bindings, Set<String> refusedRoles) {
        Map<String, Map<String, String>> added = new TreeMap<>();
        Map<String, String> namespaces = new TreeMap<>();
        for (Binding b : bindings) {
            if (b.migratable() && b.addon() != null && !refusedRoles.contains(b.associationRoleArn())) {
                added.computeIfAbsent(b.addon(), k -> new LinkedHashMap<>()).put(b.serviceAccount().name(), b.associationRoleArn());
                namespaces.put(b.addon(), b.serviceAccount().namespace());
            }
        }
        List<AddonPlan> out = new ArrayList<>();
        added.forEach((name, newOnes) -> {
            AddonInfo addon = inventory.addons().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
            Map<String, String> after = new LinkedHashMap<>();
            for (AssociationInfo owned : inventory.associations()) {
                if (owned.ownedByAddon() && addon.podIdentityAssociationArns().contains(owned.arn())) {
                    after.put(owned.serviceAccount().name(), owned.roleArn());
                }
            }
            after.putAll(newOnes);
            out.add(new AddonPlan(name, addon.version(), namespaces.get(name), after));
        });
        return out;
    }
}
