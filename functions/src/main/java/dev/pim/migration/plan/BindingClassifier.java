package dev.pim.migration.plan;

import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.trust.ServiceAccountSubject;
import dev.pim.migration.trust.SubjectGrant;
import dev.pim.migration.trust.WebIdentityAccess;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges what discovery found (annotations, trust policies, add-ons, associations) into bindings and
 * classifies each. A pure function of the inventory: plan mode and apply mode see the same answer.
 *
 * <p>A role's trust binds a service account only where it names it outright; a statement that lets in more (a
 * pattern, or no {@code sub} condition at all) binds only the service accounts annotated with the role or named
 * by the user, so the migration never hands a role to a service account that was not using it
 * ({@link WideTrust} warns about the others). Two roles that would both be given one service account are a
 * conflict, decided here, before anything is written.
 */
public final class BindingClassifier {
    private final ClusterInventory inventory;
    private final String bridgeRoleArn;
    private final Set<ServiceAccountRef> included;
    private final Placement placement;
    private final TrustReader trust;
    private final Map<ServiceAccountRef, ServiceAccountInfo> serviceAccounts = new LinkedHashMap<>();
    private final Map<ServiceAccountRef, AssociationInfo> associations = new LinkedHashMap<>();

    /** @param bridgeRoleArn a same-account role to chain into cross-account roles with, or null to skip them */
    public BindingClassifier(ClusterInventory inventory, String bridgeRoleArn) {
        this(inventory, bridgeRoleArn, Set.of());
    }

    /** @param included service accounts the user named, bound even through a trust statement wider than them */
    public BindingClassifier(ClusterInventory inventory, String bridgeRoleArn, Set<ServiceAccountRef> included) {
        this.inventory = inventory;
        this.bridgeRoleArn = bridgeRoleArn;
        this.included = Set.copyOf(included);
        this.placement = new Placement(inventory);
        this.trust = new TrustReader(inventory);
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
        candidates.forEach((sa, byRole) -> {
            List<Binding> ofAccount = new ArrayList<>();
            byRole.values().forEach(c -> ofAccount.add(classify(sa, c, byRole)));
            out.addAll(Conflicts.decide(ofAccount));
        });
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

        boolean onlyFrom(BindingSource source) {
            return sources.equals(EnumSet.of(source));
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
                candidate(all, sa.ref(), annotation, BindingSource.ANNOTATION);
            }
        }
    }

    /**
     * An add-on on IRSA binds the service accounts annotated with its role, else those its role's trust names; of
     * those, only the add-on's own when it names them (its Pod Identity service accounts): a workload's service
     * account annotated with the same role is an ordinary IRSA binding, not the add-on's.
     */
    private void collectAddons(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (AddonInfo addon : inventory.addons()) {
            if (!addon.usesIrsa()) {
                continue;
            }
            List<ServiceAccountRef> bound = inventory.serviceAccounts().stream()
                    .filter(sa -> addon.serviceAccountRoleArn().equals(sa.roleArnAnnotation()))
                    .map(ServiceAccountInfo::ref).filter(sa -> ownedBy(addon, sa)).toList();
            if (bound.isEmpty()) {
                bound = trust.grants(addon.serviceAccountRoleArn()).stream()
                        .filter(g -> !g.isPattern()).flatMap(g -> g.serviceAccount().stream())
                        .map(s -> new ServiceAccountRef(s.namespace(), s.name())).filter(sa -> ownedBy(addon, sa)).toList();
            }
            for (ServiceAccountRef sa : bound) {
                candidate(all, sa, addon.serviceAccountRoleArn(), BindingSource.ADDON).addon = addon.name();
            }
        }
    }

    /**
     * The service accounts a role's trust names for this cluster; a pattern or a statement without {@code sub}
     * binds only the service accounts the user named (annotated ones are bound by their annotation).
     */
    private void collectTrust(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (RoleInfo role : inventory.roles().values()) {
            for (SubjectGrant grant : trust.grants(role.arn())) {
                if (grant.isPattern()) {
                    included.stream().filter(serviceAccounts::containsKey)
                            .filter(sa -> grant.matches(sa.namespace(), sa.name()))
                            .forEach(sa -> candidate(all, sa, role.arn(), BindingSource.TRUST));
                } else {
                    grant.serviceAccount().ifPresent(s -> candidate(all, named(grant, s), role.arn(), BindingSource.TRUST));
                }
            }
        }
    }

    /**
     * The service account a listed subject names: itself when it exists, else an existing one the value admits as IAM
     * compares it (StringEqualsIgnoreCase {@code app:API} lets in app/api, the only such name Kubernetes allows).
     */
    private ServiceAccountRef named(SubjectGrant grant, ServiceAccountSubject subject) {
        ServiceAccountRef literal = new ServiceAccountRef(subject.namespace(), subject.name());
        if (serviceAccounts.containsKey(literal)) {
            return literal;
        }
        return serviceAccounts.keySet().stream().filter(sa -> grant.matches(sa.namespace(), sa.name())).findFirst()
                .orElse(literal);
    }

    /**
     * An association confirms the binding it serves; alone, or once the annotation is gone, it is a binding of its
     * own (a service account already on Pod Identity, whose role's trust may still name it).
     */
    private void collectAssociations(Map<ServiceAccountRef, Map<String, Candidate>> all) {
        for (AssociationInfo a : inventory.associations()) {
            String role = a.targetRoleArn() != null ? a.targetRoleArn() : a.roleArn();
            Map<String, Candidate> byRole = all.get(a.serviceAccount());
            boolean annotatedOtherwise = Optional.ofNullable(serviceAccounts.get(a.serviceAccount()))
                    .map(ServiceAccountInfo::roleArnAnnotation).filter(r -> !r.equals(role)).isPresent();
            if (byRole == null || byRole.containsKey(role) || !annotatedOtherwise) {
                candidate(all, a.serviceAccount(), role, BindingSource.ASSOCIATION);
            }
        }
    }

    private Binding classify(ServiceAccountRef sa, Candidate c, Map<String, Candidate> sameAccount) {
        Verdict v = verdict(sa, c, sameAccount);
        boolean actionable = v.bindingClass == BindingClass.MIGRATABLE;
        String associationRole = !actionable ? null : v.bridged ? bridgeRoleArn : c.roleArn;
        List<String> warnings = new ArrayList<>(warnings(c));
        v.warning.ifPresent(warnings::add);
        return new Binding(sa, c.roleArn, c.sources, v.bindingClass, v.reason, warnings, c.addon,
                associationRole, actionable && v.bridged ? c.roleArn : null, placement.workloadsOf(sa));
    }

    private record Verdict(BindingClass bindingClass, String reason, boolean bridged, Optional<String> warning) {
        static Verdict of(BindingClass c, String reason) {
            return new Verdict(c, reason, false, Optional.empty());
        }
    }

    /** What surrounds an annotated ARN, if anything: a newline from a YAML block scalar, or pasted spaces. */
    private static Optional<String> padding(String roleArn) {
        if (roleArn.isBlank() || roleArn.equals(roleArn.strip())) {
            return Optional.empty(); // a blank one is empty, not padded
        }
        String around = roleArn.substring(0, roleArn.length() - roleArn.stripLeading().length())
                + roleArn.substring(roleArn.stripTrailing().length());
        return Optional.of(around.chars().anyMatch(ch -> ch == '\n' || ch == '\r') ? "a newline" : "whitespace (a space)");
    }

    private Verdict verdict(ServiceAccountRef sa, Candidate c, Map<String, Candidate> sameAccount) {
        if (c.onlyFrom(BindingSource.ASSOCIATION)) {
            return Verdict.of(BindingClass.ALREADY_MIGRATED, "on Pod Identity (association "
                    + associations.get(sa).id() + "); no IRSA left");
        }
        Optional<String> padding = padding(c.roleArn);
        if (padding.isPresent()) {
            return Verdict.of(BindingClass.BROKEN, "the role-arn annotation has " + padding.get()
                    + " around the ARN; the IRSA webhook passes the value as it is, so no role of that name exists"
                    + " and IRSA does not work for it today (fix the annotation, then migrate)");
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
        if (c.onlyFrom(BindingSource.TRUST)) {
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
        Optional<Verdict> irsa = irsaPath(sa, c, role);
        if (irsa.isPresent() && irsa.get().bindingClass != BindingClass.MIGRATABLE) {
            return irsa.get();
        }
        Optional<Verdict> addon = addonSupport(sa, c);
        if (addon.isPresent()) {
            return addon.get();
        }
        Optional<String> unsupported = placement.unsupportedReason(sa);
        if (unsupported.isPresent()) {
            return Verdict.of(BindingClass.UNSUPPORTED_PLACEMENT, unsupported.get());
        }
        String reason = c.addon != null ? "through add-on " + c.addon
                : c.sources.contains(BindingSource.ANNOTATION) ? "annotated service account"
                : included.contains(sa) ? "named with --include-service-account: its pods get the role once Pod Identity is on"
                : "role trusts it by name (no annotation): its pods get the role only once Pod Identity is on";
        return new Verdict(BindingClass.MIGRATABLE, reason, false, irsa.flatMap(Verdict::warning));
    }

    /**
     * Whether the service account's IRSA token gets the role today, as STS would decide; a binding found only in
     * the trust must be named there (or by the user), not let in by a statement that lets in every service account.
     */
    private Optional<Verdict> irsaPath(ServiceAccountRef sa, Candidate c, RoleArn role) {
        ServiceAccountInfo info = serviceAccounts.get(sa);
        if (!inventory.oidcAudiences().contains(info.irsaAudience())) {
            // STS accepts a token only for an audience the IAM OIDC provider lists as a client ID.
            return Optional.of(Verdict.of(BindingClass.BROKEN, "the IAM OIDC provider of this cluster does not list the "
                    + "audience " + info.irsaAudience() + " that " + sa + " gets its tokens for (client IDs: "
                    + String.join(", ", new TreeSet<>(inventory.oidcAudiences())) + "), so it has no working IRSA path"));
        }
        Optional<WebIdentityAccess> access = trust.access(c.roleArn, sa, info.irsaAudience());
        if (access.isEmpty()) {
            return Optional.of(Verdict.of(BindingClass.BROKEN, "role " + role.name() + " does not trust this cluster's "
                    + "OIDC provider for " + sa + " (its trust policy cannot be read)"));
        }
        WebIdentityAccess a = access.get();
        String onlyTrust = c.onlyFrom(BindingSource.TRUST) && !included.contains(sa) ? "trust" : null;
        return switch (a.decision().outcome()) {
            case DENIED -> Optional.of(Verdict.of(BindingClass.BROKEN, "role " + role.name() + " does not trust this "
                    + "cluster's OIDC provider for " + sa + ": statement " + (a.decision().denying().get(0) + 1) + " denies it"));
            case NOT_ALLOWED -> Optional.of(Verdict.of(BindingClass.BROKEN, "role " + role.name() + " does not trust this "
                    + "cluster's OIDC provider for " + sa + " (audience " + info.irsaAudience() + ")"));
            case UNCERTAIN -> onlyTrust != null
                    ? Optional.of(Verdict.of(BindingClass.BROKEN, "role " + role.name() + " names " + sa + ", but whether it "
                    + "lets it in turns on a condition the plan cannot check: annotate the service account to migrate it"))
                    : Optional.of(new Verdict(BindingClass.MIGRATABLE, "", false, Optional.of("role " + role.name()
                    + " lets " + sa + " in only under a condition the plan cannot check; its IRSA path is assumed to work")));
            case ALLOWED -> onlyTrust != null && !a.named()
                    ? Optional.of(Verdict.of(BindingClass.BROKEN, "the statement of role " + role.name() + " that names " + sa
                    + " does not let it in; only a statement that lets in every service account does (see the warnings)"))
                    : Optional.empty();
        };
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

    /** A role that trusts a service account which does not exist, or which uses another role (annotation or association). */
    private Optional<Verdict> staleTrust(ServiceAccountRef sa, Candidate c, Map<String, Candidate> sameAccount) {
        if (!serviceAccounts.containsKey(sa)) {
            return Optional.of(Verdict.of(BindingClass.STALE_TRUST, "no service account " + sa + " in the cluster"));
        }
        Optional<Candidate> used = sameAccount.values().stream()
                .filter(o -> o != c && (o.sources.contains(BindingSource.ANNOTATION) || o.sources.contains(BindingSource.ADDON)
                        || o.sources.contains(BindingSource.ASSOCIATION)))
                .findFirst();
        return used.map(u -> Verdict.of(BindingClass.STALE_TRUST, "the role trusts " + sa + " but it uses role " + u.roleArn
                + (u.sources.contains(BindingSource.ANNOTATION) || u.sources.contains(BindingSource.ADDON) ? ""
                : " (association " + associations.get(sa).id() + ")")));
    }

    private Verdict crossAccount(RoleArn role, String clusterAccount) {
        if (bridgeRoleArn == null) {
            return Verdict.of(BindingClass.CROSS_ACCOUNT, "role is in account " + role.accountId() + ", the cluster in "
                    + clusterAccount + "; an association needs a same-account role: pass --cross-account-bridge-role "
                    + "to chain into it with targetRoleArn");
        }
        return new Verdict(BindingClass.MIGRATABLE, "cross-account: through " + bridgeRoleArn
                + " (targetRoleArn); the target role must trust it", true, Optional.empty());
    }

    private static boolean ownedBy(AddonInfo addon, ServiceAccountRef sa) {
        return addon.podIdentityServiceAccounts().isEmpty() || addon.podIdentityServiceAccounts().contains(sa.name());
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
        RoleInfo role = inventory.roles().get(c.roleArn);
        if (role == null || role.cloudFormationStack() == null) {
            return List.of();
        }
        return List.of("role " + role.name() + " belongs to CloudFormation stack " + role.cloudFormationStack()
                + ": change its template too, or the next stack update reverts this migration (drift)");
    }
}
