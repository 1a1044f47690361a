package dev.pim.local.kubernetes;

import dev.pim.local.fault.LostResponse;
import dev.pim.local.fault.LostResponse.Mode;
import dev.pim.local.junit.LocalCloudExtension;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A patch applied by the API server whose answer is lost: the object changed, the client saw a 500 or a dropped connection. */
class KubernetesLostResponseTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final String LABEL_PATCH = "{\"metadata\":{\"labels\":{\"migrated\":\"true\"}}}";

    @AutoClose
    private final KubernetesClient client = DemoCluster.client(cloud);

    @Test
    void thePatchIsAppliedButAnsweredWithAnInternalErrorStatus() {
        cloud.faults().loseResponse(LostResponse.onCall("k8s:PatchServiceAccount", 1, Mode.ERROR));

        assertThatThrownBy(this::patchLabel).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(500);
            assertThat(e.getStatus().getKind()).isEqualTo("Status");
            assertThat(e.getStatus().getReason()).isEqualTo("InternalError");
        });
        assertThat(labels()).containsEntry("migrated", "true");
        assertThat(cloud.faults().lostResponses()).isEqualTo(1);
    }

    @Test
    void thePatchIsAppliedButTheConnectionDrops() {
        cloud.faults().loseResponse(LostResponse.onCall("k8s:PatchServiceAccount", 1, Mode.DROP));
        Instant start = Instant.now();

        assertThatThrownBy(this::patchLabel).isInstanceOf(KubernetesClientException.class)
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(Duration.between(start, Instant.now())).as("no wait for a timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(labels()).containsEntry("migrated", "true");
        assertThat(cloud.counters().count("k8s:PatchServiceAccount")).isEqualTo(1);
        assertThat(patchLabel().getMetadata().getLabels()).as("the next call is answered").containsEntry("migrated", "true");
    }

    private io.fabric8.kubernetes.api.model.ServiceAccount patchLabel() {
        return client.serviceAccounts().inNamespace("payments").withName("payments-api")
                .patch(PatchContext.of(PatchType.JSON_MERGE), LABEL_PATCH);
    }

    private Map<String, String> labels() {
        return cloud.cloud().read(s -> Map.copyOf(KubernetesReadsTest.demo(s).kubernetes.serviceAccounts
                .get("payments/payments-api").getMetadata().getLabels()));
    }
}
