package dev.pim.local.invariant;

import dev.pim.local.kubernetes.PodIdentityWebhook;
import dev.pim.local.kubernetes.WorkloadController;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RoleState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What one cluster's workloads can reach at one moment: each workload's running pods and the pod it would start
 * now, with their credential paths; and, per service account, the roles it can get credentials for. Judged whole,
 * or again for a few service accounts only (what one EKS or Kubernetes call can change), keeping the rest.
 *
 * @param workloads by key ({@code Deployment web/frontend}); bare pods count as workloads of their own
 * @param reach     per service account ({@code namespace/name}), the roles it gets through an IRSA annotation the
 *                  role's trust admits, a trust statement naming its subject outright, or an association whose role
 *                  sessions EKS can open
 * @param listedBy  per service-account subject, the roles whose trust policy text names it (IAM's side, which only
 *                  an IAM call changes)
 */
record ClusterAccess(Map<String, WorkloadAccess> workloads, Map<String, Set<Reach>> reach,
                     Map<String, List<RoleState>> listedBy) {

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

    /** Every pair, flattened. */
    Set<Reach> allReach() {
        Set<Reach> out = new LinkedHashSet<>();
        reach.values().forEach(out::addAll);
        return out;
    }

    /** @param subjectsIn the {@code system:serviceaccount:...} strings a trust policy's text holds (cached by the caller) */
    static ClusterAccess of(CredentialJudge judge, ClusterState cluster, Function<String, Set<String>> subjectsIn) {
        ClusterAccess empty = new ClusterAccess(Map.of(), Map.of(), listing(judge, subjectsIn));
        return empty.judged(judge, cluster, sa -> true);
    }

    private static Map<String, List<RoleState>> listing(CredentialJudge judge, Function<String, Set<String>> subjectsIn) {
        Map<String, List<RoleState>> listedBy = new HashMap<>();
        for (AccountState account : judge.accounts()) {
            for (RoleState role : account.roles()) {
                subjectsIn.apply(role.trustPolicy).forEach(s -> listedBy.computeIfAbsent(s, k -> new ArrayList<>()).add(role));
            }
        }
        return listedBy;
    }

    /**
     * The same after an IAM call that changed only the roles named {@code roleNames} (their trust, policies or
     * existence): judged again are the service accounts that use one of them, before the call or after it: listed
     * in its trust, annotated with it, associated with it (as role or target role), or running (or templated)
     * with it in {@code AWS_ROLE_ARN}. Judging everything after each of a large cluster's trust updates made the
     * monitor quadratic in the cluster's size.
     */
    ClusterAccess afterRoleChange(CredentialJudge judge, ClusterState cluster, Set<String> roleNames,
                                  Function<String, Set<String>> subjectsIn) {
        Predicate<String> named = arn -> arn != null && roleNames.contains(arn.substring(arn.lastIndexOf('/') + 1));
        Map<String, List<RoleState>> relisted = listing(judge, subjectsIn);
        Set<String> touched = new HashSet<>();
        for (Map<String, List<RoleState>> index : List.of(listedBy, relisted)) {
            index.forEach((subject, roles) -> {
                if (roles.stream().anyMatch(r -> named.test(r.arn()))) {
                    touched.add(serviceAccountOfSubject(subject));
                }
            });
        }
        cluster.kubernetes.serviceAccounts.forEach((key, sa) -> {
            Map<String, String> annotations = sa.getMetadata().getAnnotations();
            if (annotations != null && named.test(annotations.get(PodIdentityWebhook.ROLE_ARN_ANNOTATION))) {
                touched.add(key);
            }
        });
        cluster.associations.values().forEach(a -> {
            if (named.test(a.roleArn) || named.test(a.targetRoleArn)) {
                touched.add(a.namespace + "/" + a.serviceAccount);
            }
        });
        Stream.of(cluster.kubernetes.deployments.values(), cluster.kubernetes.statefulSets.values(),
                cluster.kubernetes.daemonSets.values()).flatMap(c -> c.stream().map(w -> (HasMetadata) w)).forEach(w -> {
                    PodTemplateSpec template = templateOf(w);
                    if (template != null && template.getSpec() != null && setsRole(template.getSpec(), named)) {
                        touched.add(w.getMetadata().getNamespace() + "/" + serviceAccountOf(w));
                    }
                });
        for (Pod pod : cluster.kubernetes.pods.values()) {
            if (pod.getSpec() != null && setsRole(pod.getSpec(), named)) {
                touched.add(pod.getMetadata().getNamespace() + "/"
                        + Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("default"));
            }
        }
        return new ClusterAccess(workloads, reach, relisted).judged(judge, cluster, touched::contains);
    }

    /** {@code system:serviceaccount:ns:name} as {@code ns/name}. */
    private static String serviceAccountOfSubject(String subject) {
        String[] parts = subject.split(":", 4);
        return parts.length == 4 ? parts[2] + "/" + parts[3] : subject;
    }

    private static boolean setsRole(PodSpec spec, Predicate<String> named) {
        return Stream.concat(Stream.ofNullable(spec.getContainers()).flatMap(List::stream),
                        Stream.ofNullable(spec.getInitContainers()).flatMap(List::stream))
                .flatMap(c -> Stream.ofNullable(c.getEnv()).flatMap(List::stream))
                .anyMatch(e -> e.getName().equals("AWS_ROLE_ARN") && named.test(e.getValue()));
    }

    /** The same, with the service accounts {@code touched} (and their workloads) judged again against the state. */
    ClusterAccess updated(CredentialJudge judge, ClusterState cluster, Set<String> touched) {
        return judged(judge, cluster, touched::contains);
    }

    private ClusterAccess judged(CredentialJudge judge, ClusterState cluster, Predicate<String> again) {
        Map<String, Set<Reach>> newReach = new LinkedHashMap<>(reach);
        newReach.keySet().removeIf(again);
        Map<String, AssociationState> associations = new HashMap<>();
        cluster.associations.values().forEach(a -> associations.put(a.namespace + "/" + a.serviceAccount, a));
        for (Map.Entry<String, ServiceAccount> entry : cluster.kubernetes.serviceAccounts.entrySet()) {
            if (again.test(entry.getKey())) {
                Set<Reach> of = reachOf(judge, cluster, entry.getKey(), entry.getValue(), associations.get(entry.getKey()));
                if (!of.isEmpty()) {
                    newReach.put(entry.getKey(), of);
                }
            }
        }
        // An association can outlive its service account (or precede it).
        associations.forEach((sa, a) -> {
            if (again.test(sa) && !cluster.kubernetes.serviceAccounts.containsKey(sa)) {
                reachThrough(judge, cluster, sa, a).ifPresent(r -> newReach.computeIfAbsent(sa, k -> new LinkedHashSet<>()).add(r));
            }
        });
        Map<String, WorkloadAccess> newWorkloads = new LinkedHashMap<>(workloads);
        newWorkloads.values().removeIf(w -> again.test(w.serviceAccount()));
        judgeWorkloads(judge, cluster, again, newWorkloads);
        return new ClusterAccess(Collections.unmodifiableMap(newWorkloads), Collections.unmodifiableMap(newReach), listedBy);
    }

    private Set<Reach> reachOf(CredentialJudge judge, ClusterState cluster, String key, ServiceAccount sa,
                               AssociationState association) {
        Set<Reach> out = new LinkedHashSet<>();
        String ns = sa.getMetadata().getNamespace();
        String name = sa.getMetadata().getName();
        String audience = CredentialJudge.audience(sa);
        Map<String, String> annotations = sa.getMetadata().getAnnotations();
        String annotated = annotations == null ? null : annotations.get(PodIdentityWebhook.ROLE_ARN_ANNOTATION);
        if (annotated != null && !annotated.isBlank() && judge.irsa(cluster, ns, name, annotated, audience).works()) {
            out.add(new Reach(key, annotated, "its eks.amazonaws.com/role-arn annotation (IRSA)"));
        }
        String subject = CredentialJudge.subject(ns, name);
        for (RoleState role : listedBy.getOrDefault(subject, List.of())) {
            if (judge.namedIrsa(cluster, ns, name, role.arn())) {
                out.add(new Reach(key, role.arn(), "a trust statement naming " + subject + " (IRSA)"));
            }
        }
        if (association != null) {
            reachThrough(judge, cluster, key, association).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Reach> reachThrough(CredentialJudge judge, ClusterState cluster, String key, AssociationState a) {
        CredentialJudge.Path session = judge.podIdentitySession(cluster, a, Optional.empty());
        return session.works() ? Optional.of(new Reach(key, session.roleArn(), "Pod Identity association " + a.id))
                : Optional.empty();
    }

    private static void judgeWorkloads(CredentialJudge judge, ClusterState cluster, Predicate<String> again,
                                       Map<String, WorkloadAccess> out) {
        Stream.of(cluster.kubernetes.deployments.values(), cluster.kubernetes.statefulSets.values(),
                cluster.kubernetes.daemonSets.values()).flatMap(c -> c.stream().map(w -> (HasMetadata) w)).forEach(w -> {
                    String sa = w.getMetadata().getNamespace() + "/" + serviceAccountOf(w);
                    if (again.test(sa)) {
                        Optional<CredentialJudge.Path> preview = WorkloadController.preview(cluster, w)
                                .map(p -> judge.ofPod(cluster, p));
                        out.put(w.getKind() + " " + w.getMetadata().getNamespace() + "/" + w.getMetadata().getName(),
                                new WorkloadAccess(sa, paths(judge, cluster, WorkloadController.podsOf(cluster, w)), preview));
                    }
                });
        for (Pod pod : cluster.kubernetes.pods.values()) {
            boolean bare = pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty();
            String sa = pod.getMetadata().getNamespace() + "/" + Optional.ofNullable(pod.getSpec().getServiceAccountName())
                    .orElse("default");
            if (bare && again.test(sa)) {
                out.put("Pod " + podKey(pod), new WorkloadAccess(sa, paths(judge, cluster, List.of(pod)), Optional.empty()));
            }
        }
    }

    private static String podKey(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static Map<String, CredentialJudge.Path> paths(CredentialJudge judge, ClusterState cluster, List<Pod> pods) {
        Map<String, CredentialJudge.Path> out = new LinkedHashMap<>();
        pods.forEach(p -> out.put(p.getMetadata().getName(), judge.ofPod(cluster, p)));
        return out;
    }

    private static PodTemplateSpec templateOf(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            return d.getSpec().getTemplate();
        } else if (workload instanceof StatefulSet s) {
            return s.getSpec().getTemplate();
        } else if (workload instanceof DaemonSet d) {
            return d.getSpec().getTemplate();
        }
        return null;
    }

    /** The service account a workload's pods run as. */
    static String serviceAccountOf(HasMetadata workload) {
        PodTemplateSpec template = templateOf(workload);
        String sa = template == null || template.getSpec() == null ? null : template.getSpec().getServiceAccountName();
        return sa == null ? "default" : sa;
    }
}
