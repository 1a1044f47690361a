package dev.pim.local.kubernetes;

import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What EKS's pod identity webhook does to a pod at admission (aws/amazon-eks-pod-identity-webhook,
 * {@code buildPodPatchConfig}): a Pod Identity association for the pod's service account wins and injects
 * only the container-credentials variables; otherwise an {@code eks.amazonaws.com/role-arn} annotation
 * injects the web-identity (IRSA) variables. A container that already sets a family's variables keeps them
 * and gets nothing of that family. Pods on Fargate or Windows nodes never get Pod Identity. The pod annotation
 * {@code eks.amazonaws.com/skip-containers} (comma-separated names, read as CSV: a value that does not parse skips
 * none) keeps the IRSA variables out of those containers; the Pod Identity variables go into every container, as
 * the issue this emulator follows states (the open-source webhook's container-credentials path also honours the
 * annotation: see local/README.md).
 */
public final class PodIdentityWebhook {
    public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
    public static final String POD_IDENTITY_URI = "http://169.254.170.23/v1/credentials";
    public static final String POD_IDENTITY_TOKEN_DIR = "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/";
    public static final String POD_IDENTITY_TOKEN_FILE = POD_IDENTITY_TOKEN_DIR + "eks-pod-identity-token";
    public static final String IRSA_TOKEN_DIR = "/var/run/secrets/eks.amazonaws.com/serviceaccount/";
    public static final String IRSA_TOKEN_FILE = IRSA_TOKEN_DIR + "token";
    public static final String IRSA_TOKEN_VOLUME = "aws-iam-token";
    /** The IRSA token's audience when the service account does not set {@code eks.amazonaws.com/audience}. */
    public static final String IRSA_DEFAULT_AUDIENCE = "sts.amazonaws.com";
    public static final String AUDIENCE_ANNOTATION = "eks.amazonaws.com/audience";
    public static final String SKIP_CONTAINERS_ANNOTATION = "eks.amazonaws.com/skip-containers";

    private PodIdentityWebhook() {
    }

    /**
     * Mutates a pod being admitted.
     *
     * @param podIdentityCapable whether the pod is placed where the Pod Identity agent runs (a Linux EC2 node)
     */
    public static void admit(ClusterState cluster, Pod pod, boolean podIdentityCapable) {
        String namespace = pod.getMetadata().getNamespace();
        String saName = Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("default");
        Optional<AssociationState> association = cluster.associations.values().stream()
                .filter(a -> a.namespace.equals(namespace) && a.serviceAccount.equals(saName))
                .findFirst();
        if (association.isPresent() && podIdentityCapable) {
            injectPodIdentity(cluster, pod);
            return;
        }
        ServiceAccount sa = cluster.kubernetes.serviceAccounts.get(namespace + "/" + saName);
        Map<String, String> annotations = sa == null ? null : sa.getMetadata().getAnnotations();
        String roleArn = annotations == null ? null : annotations.get(ROLE_ARN_ANNOTATION);
        if (roleArn != null && !roleArn.isBlank()) {
            String audience = annotations.get(AUDIENCE_ANNOTATION);
            // As is, like the real webhook: a pasted space or newline ends up in AWS_ROLE_ARN and names no role.
            injectIrsa(cluster, pod, roleArn, audience == null || audience.isBlank() ? IRSA_DEFAULT_AUDIENCE : audience);
        }
    }

    private static void injectPodIdentity(ClusterState cluster, Pod pod) {
        boolean any = false;
        for (Container c : pod.getSpec().getContainers()) {
            if (defines(c, "AWS_CONTAINER_CREDENTIALS_FULL_URI") || defines(c, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
                continue;
            }
            any = true;
            addEnv(c, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
            addEnv(c, "AWS_DEFAULT_REGION", cluster.region);
            addEnv(c, "AWS_REGION", cluster.region);
            addEnv(c, "AWS_CONTAINER_CREDENTIALS_FULL_URI", POD_IDENTITY_URI);
            addEnv(c, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", POD_IDENTITY_TOKEN_FILE);
            mount(c, "eks-pod-identity-token", POD_IDENTITY_TOKEN_DIR);
        }
        if (any) {
            addProjectedToken(pod, "eks-pod-identity-token", "pods.eks.amazonaws.com", "eks-pod-identity-token");
        }
    }

    private static void injectIrsa(ClusterState cluster, Pod pod, String roleArn, String audience) {
        boolean any = false;
        java.util.Set<String> skipped = skippedContainers(pod);
        for (Container c : pod.getSpec().getContainers()) {
            if (skipped.contains(c.getName()) || defines(c, "AWS_ROLE_ARN") || defines(c, "AWS_WEB_IDENTITY_TOKEN_FILE")) {
                continue;
            }
            any = true;
            addEnv(c, "AWS_STS_REGIONAL_ENDPOINTS", "regional");
            addEnv(c, "AWS_DEFAULT_REGION", cluster.region);
            addEnv(c, "AWS_REGION", cluster.region);
            addEnv(c, "AWS_ROLE_ARN", roleArn);
            addEnv(c, "AWS_WEB_IDENTITY_TOKEN_FILE", IRSA_TOKEN_FILE);
            mount(c, IRSA_TOKEN_VOLUME, IRSA_TOKEN_DIR);
        }
        if (any) {
            addProjectedToken(pod, IRSA_TOKEN_VOLUME, audience, "token");
        }
    }

    /** The containers the pod's skip-containers annotation names; none when it is absent or no CSV record. */
    static java.util.Set<String> skippedContainers(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(SKIP_CONTAINERS_ANNOTATION);
        if (value == null || value.isEmpty() || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            // Go's csv.Reader: an empty value is no record, and quoting is not worth emulating: skip none.
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(java.util.Arrays.asList(value.split(",", -1)));
    }

    private static boolean defines(Container c, String name) {
        return c.getEnv() != null && c.getEnv().stream().anyMatch(e -> e.getName().equals(name));
    }

    private static void addEnv(Container c, String name, String value) {
        if (c.getEnv() == null) {
            c.setEnv(new ArrayList<>());
        }
        if (!defines(c, name)) {
            c.getEnv().add(new EnvVar(name, value, null));
        }
    }

    private static void mount(Container c, String volume, String path) {
        List<VolumeMount> mounts = c.getVolumeMounts() == null ? new ArrayList<>() : new ArrayList<>(c.getVolumeMounts());
        VolumeMount m = new VolumeMount();
        m.setName(volume);
        m.setMountPath(path);
        m.setReadOnly(true);
        mounts.add(m);
        c.setVolumeMounts(mounts);
    }

    private static void addProjectedToken(Pod pod, String volume, String audience, String path) {
        List<Volume> volumes = pod.getSpec().getVolumes() == null ? new ArrayList<>() : new ArrayList<>(pod.getSpec().getVolumes());
        volumes.add(new VolumeBuilder().withName(volume)
                .withNewProjected().addNewSource().withNewServiceAccountToken()
                .withAudience(audience).withExpirationSeconds(86400L).withPath(path)
                .endServiceAccountToken().endSource().endProjected().build());
        pod.getSpec().setVolumes(volumes);
    }
}
