package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** An empty list carries {@code "items": []} as the API server's does; clients such as kubectl's jsonpath rely on it. */
class KubernetesEmptyListsTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTHING = "?labelSelector=no-such-label%3Dx";

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/serviceaccounts", "/api/v1/namespaces/payments/serviceaccounts", "/api/v1/pods",
            "/api/v1/namespaces/payments/pods", "/api/v1/nodes", "/api/v1/namespaces", "/apis/apps/v1/deployments",
            "/apis/apps/v1/namespaces/payments/deployments", "/apis/apps/v1/statefulsets", "/apis/apps/v1/daemonsets"})
    void aSelectorMatchingNothingGivesAnEmptyItemsArray(String path) throws Exception {
        JsonNode list = list(path + NOTHING);

        assertThat(list.path("kind").asText()).endsWith("List");
        assertThat(list.path("metadata").path("resourceVersion").asText()).isNotBlank();
        assertThat(list.has("items")).as(list.toString()).isTrue();
        assertThat(list.get("items").isArray()).isTrue();
        assertThat(list.get("items")).isEmpty();
    }

    @Test
    void aNamespaceWithoutPodsListsNoPods() throws Exception {
        cloud.cloud().write(s -> KubernetesReadsTest.demo(s).kubernetes.pods.keySet()
                .removeIf(key -> key.startsWith("payments/")));

        JsonNode list = list("/api/v1/namespaces/payments/pods");

        assertThat(list.has("items")).as(list.toString()).isTrue();
        assertThat(list.get("items")).isEmpty();
    }

    @Test
    void aPageLeftEmptyByDeletionsHasAnEmptyItemsArray() throws Exception {
        JsonNode first = list("/api/v1/namespaces/payments/serviceaccounts?limit=2");
        String next = first.path("metadata").path("continue").asText();
        assertThat(next).isNotBlank();
        cloud.cloud().write(s -> KubernetesReadsTest.demo(s).kubernetes.serviceAccounts.remove("payments/payments-worker"));

        JsonNode last = list("/api/v1/namespaces/payments/serviceaccounts?limit=2&continue=" + next);

        assertThat(last.has("items")).as(last.toString()).isTrue();
        assertThat(last.get("items")).isEmpty();
        assertThat(last.path("metadata").has("continue")).isFalse();
    }

    private static JsonNode list(String path) throws Exception {
        HttpResponse<String> raw = DemoCluster.rawGet(cloud, path, DemoCluster.operatorToken());
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        return JSON.readTree(raw.body());
    }
}
