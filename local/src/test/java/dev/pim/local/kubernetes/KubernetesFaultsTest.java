package dev.pim.local.kubernetes;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator's injected faults, answered as an API server would answer them. */
class KubernetesFaultsTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final String LABEL_PATCH = "{\"metadata\":{\"labels\":{\"migrated\":\"true\"}}}";

    @AutoClose
    private final KubernetesClient client = DemoCluster.client(cloud);

    @Test
    void throttlesReadsWithTooManyRequestsAndRetryAfter() {
        cloud.faults().rateLimit("k8s:read", 0.01, 1);
        String token = DemoCluster.operatorToken();

        assertThat(DemoCluster.rawGet(cloud, "/api/v1/serviceaccounts", token).statusCode()).isEqualTo(200);
        HttpResponse<String> throttled = DemoCluster.rawGet(cloud, "/api/v1/serviceaccounts", token);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThatThrownBy(() -> client.serviceAccounts().inAnyNamespace().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(429);
                    assertThat(e.getStatus().getReason()).isEqualTo("TooManyRequests");
                    assertThat(e.getStatus().getDetails().getRetryAfterSeconds()).isEqualTo(1);
                });
        assertThat(cloud.faults().throttledCalls()).isEqualTo(2);
    }

    @Test
    void answersAnInjectedFailureAsAnInternalError() {
        cloud.faults().error(ErrorRule.onCall("k8s:PatchServiceAccount", 1));

        assertThatThrownBy(() -> patchLabel())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(500);
                    assertThat(e.getStatus().getReason()).isEqualTo("InternalError");
                });
        assertThat(patchLabel().getMetadata().getLabels()).containsEntry("migrated", "true");
    }

    @Test
    void answersAnInjectedFailureWithTheRulesReason() {
        cloud.faults().error(ErrorRule.onCall("k8s:PatchDeployment", 1).answering("ServiceUnavailable", 503, "busy"));

        assertThatThrownBy(() -> client.apps().deployments().inNamespace("web").withName("frontend").rolling().restart())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(503);
                    assertThat(e.getStatus().getReason()).isEqualTo("ServiceUnavailable");
                    assertThat(e.getStatus().getMessage()).isEqualTo("busy");
                });
    }

    @Test
    void aCrashFailsEveryLaterCallWithoutRetries() {
        cloud.faults().crashAfterMutatingCalls(1);
        patchLabel();
        long getsBefore = cloud.counters().count("k8s:GetServiceAccount");

        assertThatThrownBy(() -> client.serviceAccounts().inNamespace("payments").withName("payments-api").get())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getStatus().getReason()).isEqualTo("EmulatedCrash");
                });
        assertThat(cloud.counters().count("k8s:GetServiceAccount")).as("sent once, not retried").isEqualTo(getsBefore + 1);
    }

    private io.fabric8.kubernetes.api.model.ServiceAccount patchLabel() {
        return client.serviceAccounts().inNamespace("payments").withName("payments-api")
                .patch(PatchContext.of(PatchType.JSON_MERGE), LABEL_PATCH);
    }
}
