package dev.pim.local.eks;

import dev.pim.local.kubernetes.PodIdentityWebhook;
import dev.pim.local.kubernetes.WorkloadController;
import dev.pim.local.state.AddonCatalog.AddonInfo;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Ids;
import dev.pim.local.state.KubernetesState;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What EKS does inside the cluster for an add-on: it installs the add-on's service accounts and workloads
 * (one DaemonSet or Deployment per catalog service account, shaped like the fixture's), keeps the service
 * accounts' IRSA annotation in line with the add-on, restarts its pods when its Pod Identity associations
 * change, and removes it all on deletion.
 *
 * <p>IRSA annotation rule: a service account the add-on has a Pod Identity association for carries no
 * {@code eks.amazonaws.com/role-arn} annotation; the others carry {@code serviceAccountRoleArn} if set. A
 * terraform-provider-aws #30645 report says EKS removes the annotation and rolls the add-on's pods after an
 * UpdateAddon that adds associations (eksctl-migration.md §5); the add-on keeps reporting its
 * {@code serviceAccountRoleArn}.
 */
final class AddonWorkloads {
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private AddonWorkloads() {
    }

    static String namespace(AddonInfo info) {
        return info == null || info.defaultNamespace() == null ? "kube-system" : info.defaultNamespace();
    }

    /**
     * Creates the add-on's namespace, service accounts and workloads that do not exist yet, the service accounts
     * annotated by the IRSA rule before any pod starts; workloads that already ran are restarted if that rule
     * changed their service account.
     */
    static void install(ClusterState cluster, AddonInfo info, AddonState addon, Instant now) {
        String namespace = namespace(info);
        ensureNamespace(cluster, namespace, now);
        for (String saName : info.serviceAccounts()) {
            if (!cluster.kubernetes.serviceAccounts.containsKey(KubernetesState.key(namespace, saName))) {
                put(cluster, cluster.kubernetes.serviceAccounts, new ServiceAccountBuilder().withNewMetadata()
                        .withName(saName).withNamespace(namespace).withUid(Ids.uuid())
                        .withCreationTimestamp(now.toString()).addToLabels(MANAGED_BY, "EKS")
                        .endMetadata().build());
            }
        }
        if (syncServiceAccounts(cluster, info, addon)) {
            restart(cluster, info, now);
        }
        for (String saName : info.serviceAccounts()) {
            String name = workloadName(saName);
            if (workloads(cluster, info).noneMatch(w -> w.getMetadata().getName().equals(name))) {
                HasMetadata workload = info.daemonSet() ? daemonSet(namespace, name, saName, now)
                        : deployment(namespace, name, saName, now);
                cluster.kubernetes.bump(workload);
                if (workload instanceof DaemonSet ds) {
                    cluster.kubernetes.daemonSets.put(KubernetesState.key(ds), ds);
                } else {
                    cluster.kubernetes.deployments.put(KubernetesState.key(workload), (Deployment) workload);
                }
                WorkloadController.reconcile(cluster, workload, now);
            }
        }
    }

    /** Applies the IRSA annotation rule to the add-on's service accounts; true when one changed. */
    static boolean syncServiceAccounts(ClusterState cluster, AddonInfo info, AddonState addon) {
        boolean changed = false;
        String namespace = namespace(info);
        List<String> withPodIdentity = addon.associationIds.stream().map(cluster.associations::get)
                .filter(Objects::nonNull).map(a -> a.serviceAccount).toList();
        for (String saName : info.serviceAccounts()) {
            ServiceAccount sa = cluster.kubernetes.serviceAccounts.get(KubernetesState.key(namespace, saName));
            if (sa == null) {
                continue;
            }
            String wanted = withPodIdentity.contains(saName) ? null : addon.serviceAccountRoleArn;
            Map<String, String> annotations = sa.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(sa.getMetadata().getAnnotations());
            if (Objects.equals(annotations.get(PodIdentityWebhook.ROLE_ARN_ANNOTATION), wanted)) {
                continue;
            }
            if (wanted == null) {
                annotations.remove(PodIdentityWebhook.ROLE_ARN_ANNOTATION);
            } else {
                annotations.put(PodIdentityWebhook.ROLE_ARN_ANNOTATION, wanted);
            }
            sa.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);
            cluster.kubernetes.bump(sa);
            changed = true;
        }
        return changed;
    }

    /** A rolling restart, as {@code kubectl rollout restart} does it: new pods are admitted with today's identity. */
    static void restart(ClusterState cluster, AddonInfo info, Instant now) {
        for (HasMetadata workload : workloads(cluster, info).toList()) {
            PodTemplateSpec template = template(workload);
            if (template.getMetadata() == null) {
                template.setMetadata(new ObjectMeta());
            }
            Map<String, String> annotations = template.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(template.getMetadata().getAnnotations());
            annotations.put(RESTARTED_AT, now.toString());
            template.getMetadata().setAnnotations(annotations);
            Long generation = workload.getMetadata().getGeneration();
            workload.getMetadata().setGeneration(generation == null ? 1L : generation + 1);
            cluster.kubernetes.bump(workload);
            WorkloadController.reconcile(cluster, workload, now);
        }
    }

    /** Deletes the add-on's workloads with their pods, and its service accounts. */
    static void uninstall(ClusterState cluster, AddonInfo info) {
        KubernetesState k8s = cluster.kubernetes;
        for (HasMetadata workload : workloads(cluster, info).toList()) {
            WorkloadController.podsOf(cluster, workload).forEach(pod -> k8s.pods.remove(KubernetesState.key(pod)));
            String key = KubernetesState.key(workload);
            k8s.deployments.remove(key);
            k8s.daemonSets.remove(key);
            k8s.statefulSets.remove(key);
        }
        info.serviceAccounts().forEach(sa -> k8s.serviceAccounts.remove(KubernetesState.key(namespace(info), sa)));
    }

    /** The workloads in the add-on's namespace whose pods run as one of its service accounts. */
    private static Stream<HasMetadata> workloads(ClusterState cluster, AddonInfo info) {
        String namespace = namespace(info);
        KubernetesState k8s = cluster.kubernetes;
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(k8s.deployments.values());
        all.addAll(k8s.daemonSets.values());
        all.addAll(k8s.statefulSets.values());
        return all.stream()
                .filter(w -> namespace.equals(w.getMetadata().getNamespace()))
                .filter(w -> info.serviceAccounts().contains(template(w).getSpec().getServiceAccountName()));
    }

    private static PodTemplateSpec template(HasMetadata workload) {
        if (workload instanceof Deployment d) {
            return d.getSpec().getTemplate();
        }
        if (workload instanceof DaemonSet ds) {
            return ds.getSpec().getTemplate();
        }
        return ((StatefulSet) workload).getSpec().getTemplate();
    }

    /** The fixture's naming: service account {@code ebs-csi-controller-sa} runs workload {@code ebs-csi-controller}. */
    private static String workloadName(String serviceAccount) {
        return serviceAccount.endsWith("-sa") ? serviceAccount.substring(0, serviceAccount.length() - 3)
                : serviceAccount;
    }

    private static PodTemplateSpec podTemplate(String name, String serviceAccount) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().addToLabels("app.kubernetes.io/name", name).endMetadata()
                .withNewSpec().withServiceAccountName(serviceAccount)
                .withContainers(new ContainerBuilder().withName(name)
                        .withImage("602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/" + name + ":latest").build())
                .endSpec().build();
    }

    private static DaemonSet daemonSet(String namespace, String name, String serviceAccount, Instant now) {
        return new DaemonSetBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(Ids.uuid())
                .withGeneration(1L).withCreationTimestamp(now.toString()).addToLabels(MANAGED_BY, "EKS").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/name", name).endSelector()
                .withTemplate(podTemplate(name, serviceAccount)).endSpec().build();
    }

    private static Deployment deployment(String namespace, String name, String serviceAccount, Instant now) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(Ids.uuid())
                .withGeneration(1L).withCreationTimestamp(now.toString()).addToLabels(MANAGED_BY, "EKS").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app.kubernetes.io/name", name)
                .endSelector().withTemplate(podTemplate(name, serviceAccount)).endSpec().build();
    }

    private static void ensureNamespace(ClusterState cluster, String namespace, Instant now) {
        if (cluster.kubernetes.namespaces.containsKey(namespace)) {
            return;
        }
        put(cluster, cluster.kubernetes.namespaces, new NamespaceBuilder().withNewMetadata().withName(namespace)
                .withUid(Ids.uuid()).withCreationTimestamp(now.toString())
                .addToLabels("kubernetes.io/metadata.name", namespace).endMetadata()
                .withNewStatus().withPhase("Active").endStatus().build());
        put(cluster, cluster.kubernetes.serviceAccounts, new ServiceAccountBuilder().withNewMetadata()
                .withName("default").withNamespace(namespace).withUid(Ids.uuid())
                .withCreationTimestamp(now.toString()).endMetadata().build());
    }

    private static <T extends HasMetadata> void put(ClusterState cluster, Map<String, T> objects, T object) {
        cluster.kubernetes.bump(object);
        String namespace = object.getMetadata().getNamespace();
        objects.put(namespace == null ? object.getMetadata().getName() : KubernetesState.key(object), object);
    }
}
