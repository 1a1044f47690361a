package dev.pim.local.invariant;

import dev.pim.local.kubernetes.PodIdentityWebhook;
import dev.pim.local.kubernetes.WorkloadController;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RoleState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What one cluster's workloads can reach at one moment: each workload's running pods and the pod it would
 * start now, with their credential paths; and the (service account, role) pairs that can get credentials.
 *
 * @param workloads by key ({@code Deployment web/frontend}); bare pods count as workloads of their own
 * @param reach     the pairs through which a service account's pods get a role: an IRSA annotation the role's
 *                  trust admits, a trust statement that names the service account's subject outright, or an
 *                  association whose role sessions EKS can open
 */
record ClusterAccess(Map<String, WorkloadAccess> workloads, Set<Reach> reach) {

    /**
     * @param serviceAccount {@code namespace/name}
     * @param pods           each running pod's name and path
     * @param newPod         the path a pod started now would get; empty for a bare pod or one that cannot be scheduled
     */
    record WorkloadAccess(String serviceAccount, Map<String, CredentialJudge.Path> pods,
                          Optional<CredentialJudge.Path> newPod) {
        /** Whether any pod of it can get credentials (or, with no pod running, would). */
        boolean hasAccess() {
            return pods.isEmpty() ? newPod.map(CredentialJudge.Path::works).orElse(false)
                    : pods.values().stream().anyMatch(CredentialJudge.Path::works);
        }
    }

    /** One service account's access to one role (the role its pods end up with, a target role when chained). */
    record Reach(String serviceAccount, String roleArn, String how) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Reach r && r.serviceAccount.equals(serviceAccount) && r.roleArn.equals(roleArn);
        }

        @Override
        public int hashCode() {
            return serviceAccount.hashCode() * 31 + roleArn.hashCode();
        }
    }

    /**
     * @param subjectsIn the {@code system:serviceaccount:...} strings a trust policy's text holds (cached by the caller)
     */
    static ClusterAccess of(CredentialJudge judge, ClusterState cluster, Function<String, Set<String>> subjectsIn) {
        Map<String, WorkloadAccess> workloads = new LinkedHashMap<>();
        Set<String> owned = new LinkedHashSet<>();
        Stream.of(cluster.kubernetes.deployments.values(), cluster.kubernetes.statefulSets.values(),
                cluster.kubernetes.daemonSets.values()).flatMap(c -> c.stream().map(w -> (HasMetadata) w)).forEach(w -> {
                    List<Pod> pods = WorkloadController.podsOf(cluster, w);
                    pods.forEach(p -> owned.add(p.getMetadata().getName() + "@" + p.getMetadata().getNamespace()));
                    Optional<CredentialJudge.Path> preview = WorkloadController.preview(cluster, w)
                            .map(p -> judge.ofPod(cluster, p));
                    String sa = w.getMetadata().getNamespace() + "/" + serviceAccountOf(w);
                    workloads.put(w.getKind() + " " + w.getMetadata().getNamespace() + "/" + w.getMetadata().getName(),
                            new WorkloadAccess(sa, paths(judge, cluster, pods), preview));
                });
        for (Pod pod : cluster.kubernetes.pods.values()) {
            if (!owned.contains(pod.getMetadata().getName() + "@" + pod.getMetadata().getNamespace())) {
                String sa = pod.getMetadata().getNamespace() + "/" + Optional.ofNullable(pod.getSpec().getServiceAccountName())
                        .orElse("default");
                workloads.put("Pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(),
                        new WorkloadAccess(sa, paths(judge, cluster, List.of(pod)), Optional.empty()));
            }
        }
        return new ClusterAccess(workloads, reach(judge, cluster, subjectsIn));
    }

    private static Map<String, CredentialJudge.Path> paths(CredentialJudge judge, ClusterState cluster, List<Pod> pods) {
        Map<String, CredentialJudge.Path> out = new LinkedHashMap<>();
        pods.forEach(p -> out.put(p.getMetadata().getName(), judge.ofPod(cluster, p)));
        return out;
    }

    private static String serviceAccountOf(HasMetadata workload) {
        io.fabric8.kubernetes.api.model.PodTemplateSpec template = null;
        if (workload instanceof io.fabric8.kubernetes.api.model.apps.Deployment d) {
            template = d.getSpec().getTemplate();
        } else if (workload instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s) {
            template = s.getSpec().getTemplate();
        } else if (workload instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet d) {
            template = d.getSpec().getTemplate();
        }
        String sa = template == null || template.getSpec() == null ? null : template.getSpec().getServiceAccountName();
        return sa == null ? "default" : sa;
    }

    private static Set<Reach> reach(CredentialJudge judge, ClusterState cluster, Function<String, Set<String>> subjectsIn) {
        Set<Reach> out = new LinkedHashSet<>();
        Map<String, ServiceAccount> bySubject = new LinkedHashMap<>();
        for (ServiceAccount sa : cluster.kubernetes.serviceAccounts.values()) {
            String ns = sa.getMetadata().getNamespace();
            String name = sa.getMetadata().getName();
            bySubject.put(CredentialJudge.subject(ns, name), sa);
            Map<String, String> annotations = sa.getMetadata().getAnnotations();
            String roleArn = annotations == null ? null : annotations.get(PodIdentityWebhook.ROLE_ARN_ANNOTATION);
            if (roleArn != null && !roleArn.isBlank()
                    && judge.irsa(cluster, ns, name, roleArn.trim(), CredentialJudge.audience(sa)).works()) {
                out.add(new Reach(ns + "/" + name, roleArn.trim(), "its eks.amazonaws.com/role-arn annotation (IRSA)"));
            }
        }
        for (AccountState account : judge.accounts()) {
            for (RoleState role : account.roles()) {
                for (String subject : subjectsIn.apply(role.trustPolicy)) {
                    ServiceAccount sa = bySubject.get(subject);
                    if (sa != null && judge.namedIrsa(cluster, sa.getMetadata().getNamespace(), sa.getMetadata().getName(),
                            role.arn(), CredentialJudge.audience(sa))) {
                        out.add(new Reach(sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName(), role.arn(),
                                "a trust statement naming " + subject + " (IRSA)"));
                    }
                }
            }
        }
        for (AssociationState a : cluster.associations.values()) {
            CredentialJudge.Path session = judge.podIdentitySession(cluster, a, Optional.empty());
            if (session.works()) {
                out.add(new Reach(a.namespace + "/" + a.serviceAccount, session.roleArn(), "Pod Identity association " + a.id));
            }
        }
        return out;
    }
}
