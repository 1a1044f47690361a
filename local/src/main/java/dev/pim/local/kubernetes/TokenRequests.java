package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.KubernetesState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST .../namespaces/{ns}/serviceaccounts/{name}/token} (TokenRequest, authentication.k8s.io/v1): the token
 * the kubelet projects into a pod, here for a caller that plays the node (the Pod Identity agent reads it from the
 * pod's volume). A token bound to a pod names it, and the pod must run with that service account.
 */
final class TokenRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_SECONDS = 3600;
    private static final long MIN_SECONDS = 600;

    private TokenRequests() {
    }

    /** The namespace and service account a token path names, or empty for any other path. */
    static Optional<String[]> target(HttpRequest request) {
        List<String> s = request.segments();
        boolean matches = s.size() == 11 && s.get(0).equals("k8s") && s.get(4).equals("api") && s.get(5).equals("v1")
                && s.get(6).equals("namespaces") && s.get(8).equals("serviceaccounts") && s.get(10).equals("token");
        return matches ? Optional.of(new String[]{s.get(1), s.get(2), s.get(3), s.get(7), s.get(9)}) : Optional.empty();
    }

    static HttpResponse create(CloudState cloud, ClusterState cluster, String namespace, String name, HttpRequest request) {
        ServiceAccount serviceAccount = cluster.kubernetes.serviceAccounts.get(KubernetesState.key(namespace, name));
        if (serviceAccount == null) {
            throw StatusErrors.notFound(ResourceType.SERVICE_ACCOUNTS, name);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw StatusErrors.badRequest("the TokenRequest is not JSON: " + e.getMessage());
        }
        JsonNode spec = body == null ? JSON.createObjectNode() : body.path("spec");
        List<String> audiences = new ArrayList<>();
        spec.path("audiences").forEach(a -> audiences.add(a.asText()));
        if (audiences.isEmpty() && cluster.oidcIssuer != null) {
            audiences.add(cluster.oidcIssuer);
        }
        long seconds = spec.path("expirationSeconds").asLong(DEFAULT_SECONDS);
        if (seconds < MIN_SECONDS) {
            throw StatusErrors.badRequest("spec.expirationSeconds: may not specify a duration less than 10 minutes");
        }
        Optional<String[]> pod = boundPod(cluster, namespace, name, spec.path("boundObjectRef"));
        Instant now = cloud.now();
        Instant expiresAt = now.plusSeconds(seconds);
        String token = ServiceAccountTokens.issue(cluster, namespace, name, String.valueOf(serviceAccount.getMetadata().getUid()),
                audiences, now, expiresAt, pod);
        ObjectNode out = JSON.createObjectNode().put("kind", "TokenRequest").put("apiVersion", "authentication.k8s.io/v1");
        out.putObject("metadata").put("name", name).put("namespace", namespace)
                .put("creationTimestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        out.set("spec", spec.deepCopy());
        out.putObject("status").put("token", token)
                .put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(expiresAt));
        return HttpResponse.json(201, out.toString());
    }

    /** The pod a token is bound to: it must exist, run with the service account, and have the uid given. */
    private static Optional<String[]> boundPod(ClusterState cluster, String namespace, String serviceAccount, JsonNode ref) {
        if (ref.isMissingNode() || ref.isNull()) {
            return Optional.empty();
        }
        if (!"Pod".equals(ref.path("kind").asText())) {
            throw StatusErrors.badRequest("spec.boundObjectRef.kind: the local cloud binds tokens to pods only");
        }
        String podName = ref.path("name").asText();
        Pod pod = cluster.kubernetes.pods.get(KubernetesState.key(namespace, podName));
        if (pod == null) {
            throw StatusErrors.notFound(ResourceType.PODS, podName);
        }
        String uid = String.valueOf(pod.getMetadata().getUid());
        String podServiceAccount = Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("default");
        if (!podServiceAccount.equals(serviceAccount) || ref.hasNonNull("uid") && !ref.get("uid").asText().equals(uid)) {
            throw StatusErrors.badRequest("spec.boundObjectRef: pod " + podName + " (uid " + uid + ") does not run with "
                    + "service account " + serviceAccount + " or has another uid");
        }
        return Optional.of(new String[]{podName, uid});
    }
}
