package dev.pim.local.kubernetes;

import dev.pim.local.junit.LocalCloudExtension;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesPatchTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);
    private static final PatchContext STRATEGIC = PatchContext.of(PatchType.STRATEGIC_MERGE);

    @AutoClose
    private final KubernetesClient client = DemoCluster.client(cloud);

    @Test
    void mergePatchRemovesOnlyTheRoleArnAnnotation() {
        ServiceAccount before = serviceAccount("checkout", "checkout");

        ServiceAccount after = client.serviceAccounts().inNamespace("checkout").withName("checkout")
                .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + ROLE_ARN + "\":null}}}");

        assertThat(after.getMetadata().getAnnotations()).doesNotContainKey(ROLE_ARN)
                .containsEntry("eks.amazonaws.com/sts-regional-endpoints", "true");
        assertThat(after.getMetadata().getLabels()).isEqualTo(before.getMetadata().getLabels()).isNotEmpty();
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(before.getMetadata().getResourceVersion()));
        assertThat(serviceAccount("checkout", "checkout")).isEqualTo(after);
    }

    @Test
    void mergePatchKeepsImagePullSecretsAndTokenAutomount() {
        client.serviceAccounts().inNamespace("payments").withName("payments-worker")
                .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + ROLE_ARN + "\":null}}}");

        ServiceAccount after = serviceAccount("payments", "payments-worker");
        assertThat(after.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(after.getImagePullSecrets()).extracting("name").containsExactly("registry-credentials");
        assertThat(after.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void removingTheAnnotationLeavesRunningPodsOnIrsa() {
        client.serviceAccounts().inNamespace("payments").withName("payments-api")
                .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + ROLE_ARN + "\":null}}}");

        List<Pod> pods = client.pods().inNamespace("payments").withLabel("app.kubernetes.io/name", "payments-api")
                .list().getItems();
        assertThat(pods).hasSize(3).allSatisfy(p -> assertThat(envNames(p)).contains("AWS_ROLE_ARN"));
    }

    @Test
    void fabric8EditSendsAJsonPatchTheServerApplies() {
        ServiceAccount edited = client.serviceAccounts().inNamespace("orders").withName("orders-events").edit(sa -> {
            sa.getMetadata().getAnnotations().remove(ROLE_ARN);
            return sa;
        });

        assertThat(edited.getMetadata().getAnnotations()).doesNotContainKey(ROLE_ARN);
        assertThat(serviceAccount("orders", "orders-events").getMetadata().getAnnotations()).doesNotContainKey(ROLE_ARN);
    }

    @Test
    void refusesAPatchFormatItDoesNotServe() {
        var response = DemoCluster.raw(cloud, "PATCH", "/api/v1/namespaces/orders/serviceaccounts/orders-api",
                DemoCluster.operatorToken(), "application/apply-patch+yaml", "metadata: {}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("\"reason\":\"UnsupportedMediaType\"");
    }

    @Test
    void refusesWritesToObjectsTheMigrationNeverWrites() {
        var response = DemoCluster.raw(cloud, "PATCH", "/api/v1/nodes/" + client.nodes().list().getItems().get(0)
                .getMetadata().getName(), DemoCluster.operatorToken(), "application/merge-patch+json", "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("\"reason\":\"MethodNotAllowed\"");
    }

    @Test
    void jsonPatchRemovesTheAnnotationByPointer() {
        ServiceAccount after = client.serviceAccounts().inNamespace("orders").withName("orders-api").patch(JSON_PATCH,
                "[{\"op\":\"test\",\"path\":\"/metadata/annotations/eks.amazonaws.com~1role-arn\","
                        + "\"value\":\"arn:aws:iam::111122223333:role/orders-api\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/annotations/eks.amazonaws.com~1role-arn\"}]");

        assertThat(after.getMetadata().getAnnotations()).doesNotContainKey(ROLE_ARN);
        assertThat(cloud.counters().count("k8s:PatchServiceAccount")).isEqualTo(1);
        assertThat(cloud.counters().mutatingCalls()).isEqualTo(1);
    }

    @Test
    void failedJsonPatchTestIsUnprocessableAndChangesNothing() {
        ServiceAccount before = serviceAccount("orders", "orders-api");

        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("orders").withName("orders-api").patch(JSON_PATCH,
                "[{\"op\":\"test\",\"path\":\"/metadata/annotations/eks.amazonaws.com~1role-arn\",\"value\":\"other\"},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/annotations/eks.amazonaws.com~1role-arn\"}]"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                });
        assertThat(serviceAccount("orders", "orders-api")).isEqualTo(before);
    }

    @Test
    void strategicMergePatchMergesContainersAndEnvByName() {
        Deployment after = client.apps().deployments().inNamespace("web").withName("frontend").patch(STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\","
                        + "\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"debug\"}]}]}}}}");
        Container app = after.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(app.getImage()).isEqualTo("public.ecr.aws/docker/library/busybox:1.36");
        assertThat(app.getEnv()).extracting(EnvVar::getName).containsExactly("LOG_LEVEL");
        assertThat(after.getMetadata().getGeneration()).isEqualTo(2L);

        Deployment again = client.apps().deployments().inNamespace("web").withName("frontend").patch(STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\","
                        + "\"env\":[{\"name\":\"TRACE\",\"value\":\"1\"},{\"name\":\"LOG_LEVEL\",\"$patch\":\"delete\"}]}]}}}}");
        assertThat(again.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(again.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).containsExactly("TRACE");
    }

    @Test
    void staleResourceVersionIsAConflict() {
        ServiceAccount stale = serviceAccount("search", "search-api");
        client.serviceAccounts().inNamespace("search").withName("search-api")
                .patch(MERGE, "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
        stale.getMetadata().getAnnotations().remove(ROLE_ARN);

        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("search").resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on serviceaccounts "
                            + "\"search-api\": the object has been modified; please apply your changes to the latest "
                            + "version and try again");
                });
        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("search").withName("search-api").patch(MERGE,
                "{\"metadata\":{\"resourceVersion\":\"" + stale.getMetadata().getResourceVersion() + "\"}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(serviceAccount("search", "search-api").getMetadata().getAnnotations()).containsKey(ROLE_ARN);
    }

    @Test
    void putWithTheCurrentResourceVersionReplacesTheObject() {
        ServiceAccount current = serviceAccount("search", "search-api");
        current.getMetadata().getAnnotations().remove(ROLE_ARN);

        ServiceAccount updated = client.serviceAccounts().inNamespace("search").resource(current).update();

        assertThat(updated.getMetadata().getAnnotations()).doesNotContainKey(ROLE_ARN);
        assertThat(cloud.counters().count("k8s:UpdateServiceAccount")).isEqualTo(1);
    }

    @Test
    void aPatchThatChangesNothingKeepsTheResourceVersion() {
        ServiceAccount before = serviceAccount("search", "search-api");

        ServiceAccount after = client.serviceAccounts().inNamespace("search").withName("search-api")
                .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + ROLE_ARN + "\":\"arn:aws:iam::111122223333:role/search\"}}}");

        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    void serverManagedFieldsCannotBeWritten() {
        ServiceAccount before = serviceAccount("search", "search-api");

        ServiceAccount after = client.serviceAccounts().inNamespace("search").withName("search-api")
                .patch(MERGE, "{\"metadata\":{\"uid\":\"forged\",\"labels\":{\"a\":\"b\"}}}");

        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(after.getMetadata().getLabels()).containsEntry("a", "b");
    }

    @Test
    void aWorkloadsSelectorIsImmutable() {
        assertThatThrownBy(() -> client.apps().deployments().inNamespace("web").withName("frontend").patch(MERGE,
                "{\"spec\":{\"selector\":{\"matchLabels\":{\"app.kubernetes.io/name\":\"other\"}}}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).startsWith("Deployment.apps \"frontend\" is invalid: spec.selector");
                });
    }

    @Test
    void scalingAWorkloadReconcilesItsPods() {
        Deployment scaled = client.apps().deployments().inNamespace("payments").withName("payments-api")
                .patch(MERGE, "{\"spec\":{\"replicas\":1}}");

        assertThat(scaled.getStatus().getReplicas()).isEqualTo(1);
        assertThat(client.pods().inNamespace("payments").withLabel("app.kubernetes.io/name", "payments-api")
                .list().getItems()).hasSize(1);
    }

    @Test
    void dryRunAnswersWithoutChangingAnything() {
        ServiceAccount before = serviceAccount("search", "search-api");

        ServiceAccount answered = client.serviceAccounts().inNamespace("search").withName("search-api").dryRun()
                .patch(MERGE, "{\"metadata\":{\"annotations\":{\"" + ROLE_ARN + "\":null}}}");

        assertThat(answered.getMetadata().getAnnotations()).doesNotContainKey(ROLE_ARN);
        assertThat(serviceAccount("search", "search-api")).isEqualTo(before);
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    private ServiceAccount serviceAccount(String namespace, String name) {
        return client.serviceAccounts().inNamespace(namespace).withName(name).get();
    }

    static List<String> envNames(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                .map(EnvVar::getName).toList();
    }
}
