package dev.pim.migration.verify;

import dev.pim.migration.BoundedParallel;
import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.discovery.AssociationReader;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.KubernetesPort;
import dev.pim.migration.trust.CallFacts;
import dev.pim.migration.trust.TrustDecision;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Checks, for each binding on Pod Identity, that it works and what is left of IRSA: the association names
 * the right role, the role trusts Pod Identity, and the running pods carry the Pod Identity environment and
 * not the IRSA one (the SDKs' chains prefer IRSA when both are present).
 */
public final class Verifier {
    private final EksPort eks;
    private final IamPort iam;
    private final KubernetesPort kubernetes;
    private final String providerArn;
    private final int parallelism;
    private final Map<String, RoleInfo> knownRoles;
    private final Map<String, AssociationInfo> knownAssociations;
    /** The cluster EKS tags its sessions with; null when unknown (then any Pod Identity statement counts). */
    private final String clusterArn;
    /** The associations this verifier listed: a second verification (after the OIDC cleanup, which changes none) reuses them. */
    private List<AssociationInfo> listed;

    public Verifier(EksPort eks, IamPort iam, KubernetesPort kubernetes, String providerArn) {
        this(eks, iam, kubernetes, providerArn, 1, Map.of(), new ConcurrentHashMap<>());
    }

    /**
     * @param parallelism       how many reads may be in flight at once
     * @param knownRoles        trust policies by role ARN as this run last read (under the role's lease) or wrote them:
     *                          not read again
     * @param knownAssociations associations by id described or created in this run: listed, not described again
     */
    public Verifier(EksPort eks, IamPort iam, KubernetesPort kubernetes, String providerArn, int parallelism,
                    Map<String, RoleInfo> knownRoles, Map<String, AssociationInfo> knownAssociations) {
        this(eks, iam, kubernetes, providerArn, parallelism, knownRoles, knownAssociations, null);
    }

    /**
     * @param clusterArn the cluster's ARN: a role's Pod Identity trust counts for a binding only if its conditions
     *                   (session tags) admit the binding's service account on this cluster
     */
    public Verifier(EksPort eks, IamPort iam, KubernetesPort kubernetes, String providerArn, int parallelism,
                    Map<String, RoleInfo> knownRoles, Map<String, AssociationInfo> knownAssociations, String clusterArn) {
        this.clusterArn = clusterArn;
        this.eks = eks;
        this.iam = iam;
        this.kubernetes = kubernetes;
        this.providerArn = providerArn;
        this.parallelism = Math.max(1, parallelism);
        this.knownRoles = knownRoles;
        this.knownAssociations = knownAssociations;
    }

    public VerificationReport verify(List<Binding> bindings) {
        List<Binding> onPodIdentity = bindings.stream().filter(Binding::onPodIdentity).toList();
        Map<ServiceAccountRef, AssociationInfo> associations = new HashMap<>();
        List<PodInfo> pods = List.of();
        Map<ServiceAccountRef, ServiceAccountInfo> serviceAccounts = new HashMap<>();
        Optional<String> agent = Optional.empty();
        if (!onPodIdentity.isEmpty()) {
            listedAssociations().forEach(a -> associations.put(a.serviceAccount(), a));
            pods = kubernetes.pods();
            // One list, not one GET per binding: the annotation check needs every service account anyway.
            kubernetes.serviceAccounts().forEach(sa -> serviceAccounts.put(sa.ref(), sa));
            agent = agentProblem();
        }
        Map<String, Optional<RoleInfo>> roles = readRoles(onPodIdentity, associations);
        Map<String, Optional<AddonInfo>> addons = new HashMap<>();
        onPodIdentity.stream().map(b -> addonOf(b, associations.get(b.serviceAccount()))).filter(Objects::nonNull)
                .distinct().forEach(name -> addons.put(name, eks.addon(name)));
        List<BindingVerification> out = new ArrayList<>();
        for (Binding b : onPodIdentity) {
            AssociationInfo association = associations.get(b.serviceAccount());
            BindingVerification checked = verify(b, association, pods, roles, serviceAccounts.get(b.serviceAccount()));
            String addon = addonOf(b, association);
            if (addon != null) {
                checked = withAddonState(checked, addon, addons.get(addon), b.addon() != null);
            }
            out.add(agent.map(checked::withProblem).orElse(checked));
        }
        return new VerificationReport(out);
    }

    /**
     * The add-on a binding belongs to: the one discovery found using its role through IRSA, else the add-on owning
     * its association (once the add-on's IRSA role is cleared, discovery sees an ordinary binding).
     */
    private static String addonOf(Binding b, AssociationInfo association) {
        return b.addon() != null ? b.addon() : association == null ? null : association.ownerAddon().orElse(null);
    }

    /**
     * An add-on binding verifies only once its add-on is ACTIVE: while its last update (associations, or the IRSA role
     * cleared) is in progress or failed, EKS may not have applied what DescribeAddon shows. ACTIVE with its IRSA role
     * still set is a leftover of a binding discovery found through that role.
     */
    private static BindingVerification withAddonState(BindingVerification checked, String name, Optional<AddonInfo> addon,
                                                      boolean boundThroughIrsa) {
        if (addon.isEmpty()) {
            return checked;
        }
        String status = addon.get().status();
        if (status.equals("UPDATING") || status.equals("CREATING")) {
            return checked.withProblem("add-on " + name + " is " + status
                    + ": its last update has not settled yet (verify again once it is ACTIVE)");
        }
        if (!status.equals("ACTIVE")) {
            return checked.withProblem("add-on " + name + " is " + status + ": EKS may not have applied its last update"
                    + (addon.get().healthIssues().isEmpty() ? ""
                    : " (health: " + String.join("; ", addon.get().healthIssues()) + ")"));
        }
        return boundThroughIrsa && addon.get().usesIrsa() ? checked.withLeftover("add-on " + name + " still has serviceAccountRoleArn: IRSA "
                + "annotation left on its service account (--remove-irsa-annotation clears it once its pods are on Pod "
                + "Identity)") : checked;
    }

    private synchronized List<AssociationInfo> listedAssociations() {
        if (listed == null) {
            listed = new AssociationReader(eks, parallelism).read(knownAssociations);
        }
        return listed;
    }

    /** Every role the bindings' trust checks need: as this run knows it, else read (in parallel). */
    private Map<String, Optional<RoleInfo>> readRoles(List<Binding> bindings, Map<ServiceAccountRef, AssociationInfo> associations) {
        Set<String> arns = new LinkedHashSet<>();
        for (Binding b : bindings) {
            arns.add(trustRole(b, associations.get(b.serviceAccount())));
        }
        List<String> ordered = List.copyOf(arns);
        List<Optional<RoleInfo>> read = BoundedParallel.map(ordered, parallelism,
                arn -> Optional.ofNullable(knownRoles.get(arn)).or(() -> role(arn)));
        Map<String, Optional<RoleInfo>> out = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            out.put(ordered.get(i), read.get(i));
        }
        return out;
    }

    private static String trustRole(Binding b, AssociationInfo association) {
        String expectedRole = b.associationRoleArn() != null ? b.associationRoleArn() : b.roleArn();
        return association != null ? association.roleArn() : expectedRole;
    }

    /** Pod Identity needs the agent on the nodes: installed and running (or built into EKS Auto Mode). */
    private Optional<String> agentProblem() {
        Optional<AddonInfo> agent = eks.addon(Preflight.AGENT_ADDON);
        if (agent.isPresent()) {
            AgentState state = AgentState.ofAddonStatus(agent.get().status());
            return state == AgentState.ACTIVE || "UPDATING".equals(agent.get().status()) ? Optional.empty()
                    : Optional.of("the " + Preflight.AGENT_ADDON + " add-on is " + agent.get().status()
                    + ": pods cannot get Pod Identity credentials");
        }
        return eks.describeCluster().autoMode() ? Optional.empty() : Optional.of("the " + Preflight.AGENT_ADDON
                + " add-on is not installed: pods cannot get Pod Identity credentials");
    }

    private BindingVerification verify(Binding b, AssociationInfo association, List<PodInfo> pods,
                                       Map<String, Optional<RoleInfo>> roles, ServiceAccountInfo serviceAccount) {
        List<String> problems = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        String expectedRole = b.associationRoleArn() != null ? b.associationRoleArn() : b.roleArn();
        if (association == null) {
            problems.add("no Pod Identity association");
        } else if (!Objects.equals(association.roleArn(), expectedRole)
                && !Objects.equals(association.targetRoleArn(), b.roleArn())) {
            problems.add("association " + association.id() + " names role " + association.roleArn() + ", expected " + expectedRole);
        }
        String trustRole = trustRole(b, association);
        Optional<RoleInfo> role = roles.get(trustRole);
        if (role.isEmpty()) {
            problems.add("role " + trustRole + " does not exist");
        } else {
            checkTrust(b, role.get(), problems, leftovers);
        }
        boolean podsMoved = checkPods(b.serviceAccount(), pods, problems, leftovers);
        Optional.ofNullable(serviceAccount).map(ServiceAccountInfo::roleArnAnnotation)
                .ifPresent(a -> leftovers.add("the eks.amazonaws.com/role-arn annotation is still set"));
        return new BindingVerification(b.serviceAccount(), b.roleArn(), problems, leftovers, podsMoved);
    }

    private void checkTrust(Binding b, RoleInfo role, List<String> problems, List<String> leftovers) {
        try {
            TrustPolicy policy = TrustPolicy.parse(role.arn(), role.trustPolicy());
            if (policy.ensurePodIdentity().changed()) {
                problems.add("role " + role.name() + " does not trust pods.eks.amazonaws.com (sts:AssumeRole, sts:TagSession)");
            } else if (clusterArn != null && refusesPodIdentity(policy, b.serviceAccount())) {
                problems.add("role " + role.name() + " trusts pods.eks.amazonaws.com, but its conditions do not admit "
                        + b.serviceAccount() + " of this cluster (sts:AssumeRole, sts:TagSession with EKS's session tags)");
            }
            if (providerArn != null && policy.subjectsGrantedTo(providerArn).stream()
                    .anyMatch(g -> !g.isUnrestricted() && g.matches(b.serviceAccount().namespace(), b.serviceAccount().name()))) {
                leftovers.add("role " + role.name() + " still trusts this cluster's OIDC provider for " + b.serviceAccount());
            }
        } catch (TrustPolicyException e) {
            problems.add(e.getMessage());
        }
    }

    /** Whether IAM surely refuses EKS's session for the service account's pods on this cluster (a scoped statement). */
    private boolean refusesPodIdentity(TrustPolicy policy, ServiceAccountRef sa) {
        return Stream.of(CallFacts.ASSUME_ROLE, CallFacts.TAG_SESSION).map(action -> policy.decide(
                        CallFacts.podIdentity(action, clusterArn, Optional.of(sa.namespace()), Optional.of(sa.name()))).outcome())
                .anyMatch(o -> o == TrustDecision.Outcome.NOT_ALLOWED || o == TrustDecision.Outcome.DENIED);
    }

    /** @return whether every running pod of the service account is on Pod Identity */
    private static boolean checkPods(ServiceAccountRef sa, List<PodInfo> pods, List<String> problems, List<String> leftovers) {
        int stale = 0;
        for (PodInfo pod : pods) {
            if (!pod.namespace().equals(sa.namespace()) || !pod.serviceAccount().equals(sa.name())) {
                continue;
            }
            if (pod.hasPodIdentityEnvironment() && pod.hasIrsaEnvironment()) {
                problems.add("pod " + pod.name() + " has both credential environments: IRSA wins in the SDK chain "
                        + "(does its spec hard-code AWS_ROLE_ARN or AWS_WEB_IDENTITY_TOKEN_FILE?)");
            } else if (!pod.hasPodIdentityEnvironment()) {
                stale++;
            }
        }
        if (stale > 0) {
            leftovers.add(stale + " pod(s) still run with IRSA: restart them (--restart-workloads)");
        }
        return stale == 0;
    }

    private Optional<RoleInfo> role(String arn) {
        return iam.role(RoleArn.parse(arn).name()).filter(r -> r.arn().equals(arn));
    }
}
