package dev.pim.local.kubernetes;

import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.state.KubernetesState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;

import java.util.List;
import java.util.Map;

/** GET of one object and of lists: namespace, label and field selection, then paging. */
final class ResourceReads {

    private ResourceReads() {
    }

    static <T extends HasMetadata> HttpResponse get(ResourceType<T> type, KubernetesState k8s, String namespace,
                                                    String name) {
        return KubernetesJson.ok(type.find(k8s, namespace, name).orElseThrow(() -> StatusErrors.notFound(type, name)));
    }

    /** @param namespace null to list across all namespaces (or a cluster-scoped type) */
    static <T extends HasMetadata> HttpResponse list(ResourceType<T> type, KubernetesState k8s, String namespace,
                                                     HttpRequest request) {
        LabelSelector labels = LabelSelector.parse(request.queryParam("labelSelector"));
        FieldSelector fields = FieldSelector.parse(type, request.queryParam("fieldSelector"));
        List<Map.Entry<String, T>> matching = type.store().apply(k8s).entrySet().stream()
                .filter(e -> namespace == null || namespace.equals(e.getValue().getMetadata().getNamespace()))
                .filter(e -> labels.matches(e.getValue().getMetadata().getLabels()))
                .filter(e -> fields.isEmpty() || fields.matches(KubernetesJson.toTree(e.getValue())))
                .toList();
        String resourceVersion = k8s.currentResourceVersion();
        ListPage<T> page = ListPage.of(matching, request.queryParam("limit"), request.queryParam("continue"),
                resourceVersion);
        ListMeta meta = new ListMeta();
        meta.setResourceVersion(resourceVersion);
        meta.setContinue(page.continueToken());
        meta.setRemainingItemCount(page.remaining());
        return KubernetesJson.okList(type.listOf().apply(meta, page.items()));
    }
}
