package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Locale;

/** The discovery documents clients may read before they call: {@code /version}, {@code /api}, {@code /apis}... */
final class Discovery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Discovery() {
    }

    /** A discovery document and the path it lives at (below the cluster's endpoint). */
    enum Document {
        VERSION("GetVersion", List.of("version")),
        API_VERSIONS("GetApiVersions", List.of("api")),
        API_GROUPS("GetApiGroups", List.of("apis")),
        CORE_RESOURCES("GetApiResources", List.of("api", "v1")),
        APPS_GROUP("GetApiGroup", List.of("apis", "apps")),
        APPS_RESOURCES("GetApiResources", List.of("apis", "apps", "v1"));

        private final String operationName;
        private final List<String> path;

        Document(String operationName, List<String> path) {
            this.operationName = operationName;
            this.path = path;
        }

        String operationName() {
            return operationName;
        }

        /** The document at a path, or null when the path is not a discovery document's. */
        static Document at(List<String> path) {
            for (Document d : values()) {
                if (d.path.equals(path)) {
                    return d;
                }
            }
            return null;
        }
    }

    static HttpResponse render(Document document, ClusterState cluster) {
        String body = switch (document) {
            case VERSION -> version(cluster);
            case API_VERSIONS -> Serialization.asJson(new APIVersionsBuilder().withVersions("v1").build());
            case API_GROUPS -> Serialization.asJson(new APIGroupListBuilder().withGroups(appsGroup()).build());
            case CORE_RESOURCES -> resources("");
            case APPS_GROUP -> Serialization.asJson(appsGroup());
            case APPS_RESOURCES -> resources("apps");
        };
        return HttpResponse.json(200, body);
    }

    /** What EKS answers on {@code /version}: the minor version carries a {@code +}, the git version an eks suffix. */
    private static String version(ClusterState cluster) {
        String[] parts = cluster.version.split("\\.");
        ObjectNode version = JSON.createObjectNode()
                .put("major", parts[0])
                .put("minor", (parts.length > 1 ? parts[1] : "0") + "+")
                .put("gitVersion", "v" + cluster.version + ".0-eks-" + cluster.platformVersion.replace(".", ""))
                .put("gitCommit", "0000000000000000000000000000000000000000")
                .put("gitTreeState", "clean")
                .put("buildDate", cluster.createdAt.toString())
                .put("goVersion", "go1.22.0")
                .put("compiler", "gc")
                .put("platform", "linux/amd64");
        return version.toString();
    }

    private static APIGroup appsGroup() {
        return new APIGroupBuilder().withName("apps")
                .addNewVersion().withGroupVersion("apps/v1").withVersion("v1").endVersion()
                .withNewPreferredVersion().withGroupVersion("apps/v1").withVersion("v1").endPreferredVersion()
                .build();
    }

    private static String resources(String group) {
        APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(group.isEmpty() ? "v1" : group + "/v1");
        for (ResourceType<?> type : ResourceType.ALL) {
            if (type.group().equals(group)) {
                List<String> verbs = type.writable() ? List.of("get", "list", "patch", "update") : List.of("get", "list");
                list.addToResources(new APIResourceBuilder().withName(type.plural()).withKind(type.kind())
                        .withNamespaced(type.namespaced()).withSingularName(type.kind().toLowerCase(Locale.ROOT))
                        .withVerbs(verbs).build());
            }
        }
        return Serialization.asJson(list.build());
    }
}
