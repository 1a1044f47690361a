package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesReadsTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final KubernetesClient client = DemoCluster.client(cloud);

    @Test
    void listsEveryServiceAccountAcrossNamespacesPageByPage() {
        List<String> expected = cloud.cloud().read(s -> new ArrayList<>(demo(s).kubernetes.serviceAccounts.keySet()));
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            ServiceAccountList page = client.serviceAccounts().inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(5L).withContinue(next).build());
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(5);
            assertThat(page.getMetadata().getResourceVersion()).isNotBlank();
            page.getItems().forEach(sa -> seen.add(sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName()));
            next = page.getMetadata().getContinue();
            pages++;
        } while (next != null && !next.isEmpty());

        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 4) / 5);
    }

    @Test
    void listsOneNamespacesServiceAccounts() {
        List<ServiceAccount> items = client.serviceAccounts().inNamespace("payments").list().getItems();

        assertThat(items).extracting(sa -> sa.getMetadata().getName())
                .containsExactly("default", "payments-api", "payments-worker");
    }

    @Test
    void getsAServiceAccountWithItsAnnotationsAndServerFields() {
        ServiceAccount sa = client.serviceAccounts().inNamespace("payments").withName("payments-worker").get();

        assertThat(sa.getMetadata().getAnnotations())
                .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/payments-worker");
        assertThat(sa.getAutomountServiceAccountToken()).isFalse();
        assertThat(sa.getImagePullSecrets()).extracting("name").containsExactly("registry-credentials");
        assertThat(sa.getMetadata().getUid()).isNotBlank();
        assertThat(sa.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(sa.getMetadata().getCreationTimestamp()).isNotBlank();
    }

    @Test
    void answersAnUnknownObjectWithTheApiServersNotFoundStatus() throws Exception {
        assertThat(client.serviceAccounts().inNamespace("payments").withName("x").get()).isNull();

        HttpResponse<String> raw = DemoCluster.rawGet(cloud, "/api/v1/namespaces/payments/serviceaccounts/x",
                DemoCluster.operatorToken());

        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(raw.body())).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"serviceaccounts \\\"x\\\" not found\","
                + "\"reason\":\"NotFound\",\"details\":{\"name\":\"x\",\"kind\":\"serviceaccounts\"},\"code\":404}"));
    }

    @Test
    void namesTheApiGroupOfAnUnknownWorkload() {
        assertThatThrownBy(() -> client.apps().deployments().inNamespace("payments").withName("nope")
                .edit(d -> d))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getMessage()).isEqualTo("deployments.apps \"nope\" not found");
                    assertThat(e.getStatus().getDetails().getGroup()).isEqualTo("apps");
                });
    }

    @Test
    void selectsPodsByLabelsAndFields() {
        List<Pod> api = client.pods().inNamespace("payments").withLabel("app.kubernetes.io/name", "payments-api")
                .list().getItems();
        List<Pod> worker = client.pods().inAnyNamespace().withField("spec.serviceAccountName", "payments-worker")
                .list().getItems();
        List<Pod> notApi = client.pods().inNamespace("payments").withLabelNotIn("app.kubernetes.io/name", "payments-api")
                .list().getItems();

        assertThat(api).hasSize(3).allSatisfy(p -> assertThat(p.getSpec().getServiceAccountName()).isEqualTo("payments-api"));
        assertThat(worker).hasSize(2).allSatisfy(p -> assertThat(p.getMetadata().getNamespace()).isEqualTo("payments"));
        assertThat(notApi).hasSize(2);
    }

    @Test
    void selectsPodsBySetBasedAndExistenceRequirements() {
        List<Pod> either = client.pods().inNamespace("payments")
                .withLabelIn("app.kubernetes.io/name", "payments-api", "payments-worker").list().getItems();
        List<Pod> unlabelled = client.pods().inNamespace("payments").withoutLabel("pod-template-hash").list().getItems();

        assertThat(either).hasSize(5);
        assertThat(unlabelled).isEmpty();
    }

    @Test
    void refusesAFieldTheApiServerDoesNotIndex() {
        assertThatThrownBy(() -> client.serviceAccounts().inAnyNamespace().withField("spec.nodeName", "x").list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getStatus().getMessage()).isEqualTo("field label not supported: spec.nodeName");
                });
    }

    @Test
    void listsNodesNamespacesAndWorkloads() {
        assertThat(client.nodes().list().getItems()).hasSize(3)
                .allSatisfy(n -> assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/os", "linux"));
        assertThat(client.namespaces().withName("payments").get().getStatus().getPhase()).isEqualTo("Active");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains("payments", "orders", "kube-system");
        assertThat(client.apps().deployments().inNamespace("payments").list().getItems()).hasSize(2);
        assertThat(client.apps().statefulSets().inAnyNamespace().list().getItems())
                .extracting(s -> s.getMetadata().getName()).containsExactly("etl", "prometheus", "orders-events");
        assertThat(client.apps().daemonSets().inNamespace("monitoring").withName("fluent-bit").get()
                .getStatus().getNumberReady()).isEqualTo(3);
    }

    @Test
    void servesTheDiscoveryDocuments() throws Exception {
        assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
        assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("31+");
        String token = DemoCluster.operatorToken();
        assertThat(JSON.readTree(DemoCluster.rawGet(cloud, "/api", token).body()).path("versions").toString())
                .isEqualTo("[\"v1\"]");
        assertThat(JSON.readTree(DemoCluster.rawGet(cloud, "/apis", token).body()).path("groups").get(0).path("name")
                .asText()).isEqualTo("apps");
        assertThat(JSON.readTree(DemoCluster.rawGet(cloud, "/apis/apps/v1", token).body()).path("resources")
                .findValuesAsText("name")).containsExactly("deployments", "statefulsets", "daemonsets");
    }

    @Test
    void answersAnUnknownPathOrClusterWithNotFound() {
        assertThat(DemoCluster.rawGet(cloud, "/api/v1/configmaps", DemoCluster.operatorToken()).statusCode())
                .isEqualTo(404);
        try (KubernetesClient unknownCluster = DemoCluster.clientFor(cloud.endpoint() + "/k8s/111122223333/us-west-2/nope",
                DemoCluster.operatorToken())) {
            assertThat(unknownCluster.serviceAccounts().inNamespace("payments").withName("payments-api").get()).isNull();
        }
    }

    @Test
    void countsReadsUnderTheirOperationNames() {
        client.serviceAccounts().inAnyNamespace().list();
        client.serviceAccounts().inNamespace("payments").withName("payments-api").get();
        client.pods().inNamespace("payments").list();

        assertThat(cloud.counters().count("k8s:ListServiceAccounts")).isEqualTo(1);
        assertThat(cloud.counters().count("k8s:GetServiceAccount")).isEqualTo(1);
        assertThat(cloud.counters().count("k8s:ListPods")).isEqualTo(1);
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    static ClusterState demo(dev.pim.local.state.CloudState state) {
        return state.cluster(DemoCluster.ACCOUNT, DemoCluster.REGION, DemoCluster.NAME).orElseThrow();
    }
}
