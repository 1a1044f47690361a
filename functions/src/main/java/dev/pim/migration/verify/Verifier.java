package dev.pim.migration.verify;

import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
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
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    public Verifier(EksPort eks, IamPort iam, KubernetesPort kubernetes, String providerArn) {
        this.eks = eks;
        this.iam = iam;
        this.kubernetes = kubernetes;
        this.providerArn = providerArn;
    }

    public VerificationReport verify(List<Binding> bindings) {
        Map<ServiceAccountRef, AssociationInfo> associations = new HashMap<>();
        eks.associations().forEach(a -> associations.put(a.serviceAccount(), a));
        List<PodInfo> pods = kubernetes.pods();
        Map<String, Optional<RoleInfo>> roles = new HashMap<>();
        List<BindingVerification> out = new ArrayList<>();
        Optional<String> agent = bindings.stream().anyMatch(Binding::onPodIdentity) ? agentProblem() : Optional.empty();
        for (Binding b : bindings) {
            if (b.onPodIdentity()) {
                BindingVerification checked = verify(b, associations.get(b.serviceAccount()), pods, roles);
                out.add(agent.map(problem -> checked.withProblem(problem)).orElse(checked));
            }
        }
        return new VerificationReport(out);
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
                                       Map<String, Optional<RoleInfo>> roles) {
        List<String> problems = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        String expectedRole = b.associationRoleArn() != null ? b.associationRoleArn() : b.roleArn();
        if (association == null) {
            problems.add("no Pod Identity association");
        } else if (!Objects.equals(association.roleArn(), expectedRole)
                && !Objects.equals(association.targetRoleArn(), b.roleArn())) {
            problems.add("association " + association.id() + " names role " + association.roleArn() + ", expected " + expectedRole);
        }
        String trustRole = association != null ? association.roleArn() : expectedRole;
        Optional<RoleInfo> role = roles.computeIfAbsent(trustRole, this::role);
        if (role.isEmpty()) {
            problems.add("role " + trustRole + " does not exist");
        } else {
            checkTrust(b, role.get(), problems, leftovers);
        }
        boolean podsMoved = checkPods(b.serviceAccount(), pods, problems, leftovers);
        kubernetes.serviceAccount(b.serviceAccount()).map(ServiceAccountInfo::roleArnAnnotation)
                .ifPresent(a -> leftovers.add("the eks.amazonaws.com/role-arn annotation is still set"));
        return new BindingVerification(b.serviceAccount(), b.roleArn(), problems, leftovers, podsMoved);
    }

    private void checkTrust(Binding b, RoleInfo role, List<String> problems, List<String> leftovers) {
        try {
            TrustPolicy policy = TrustPolicy.parse(role.arn(), role.trustPolicy());
            if (policy.ensurePodIdentity().changed()) {
                problems.add("role " + role.name() + " does not trust pods.eks.amazonaws.com (sts:AssumeRole, sts:TagSession)");
            }
            if (providerArn != null && policy.subjectsGrantedTo(providerArn).stream()
                    .anyMatch(g -> !g.isUnrestricted() && g.matches(b.serviceAccount().namespace(), b.serviceAccount().name()))) {
                leftovers.add("role " + role.name() + " still trusts this cluster's OIDC provider for " + b.serviceAccount());
            }
        } catch (TrustPolicyException e) {
            problems.add(e.getMessage());
        }
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
