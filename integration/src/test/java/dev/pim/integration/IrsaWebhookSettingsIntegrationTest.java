package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.junit.UseFixture;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IRSA webhook's settings beside role-arn, through the CLI against the local cloud: the plan names each with
 * its consequence, a skipped container refuses the run until accepted, the settings leave with the role-arn
 * annotation and come back with rollback, and an add-on's IRSA role is cleared once its pods moved.
 */
@ExtendWith(TestCredentials.class)
class IrsaWebhookSettingsIntegrationTest {
    private static final String ACCOUNT = "111122223333";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path journal;

    private CliRun pim(String... args) {
        return CliRun.against(cloud, journal, args);
    }

    @Test
    void theDemoPlanNamesCheckoutsStsRegionalEndpointsWithItsConsequence() throws Exception {
        CliRun run = pim("plan", "--cluster", "demo", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode settings = JSON.readTree(run.out()).get("webhookSettings");
        assertThat(settings).anySatisfy(s -> {
            assertThat(s.get("subject").asText()).isEqualTo("checkout/checkout");
            assertThat(s.get("setting").asText()).isEqualTo("eks.amazonaws.com/sts-regional-endpoints");
            assertThat(s.get("value").asText()).isEqualTo("true");
            assertThat(s.get("level").asText()).isEqualTo("info");
            assertThat(s.get("consequence").asText()).contains("AWS_STS_REGIONAL_ENDPOINTS=regional")
                    .contains("Pod Identity needs no STS endpoint");
        });
        CliRun table = pim("plan", "--cluster", "demo");
        assertThat(table.out()).contains("IRSA webhook settings")
                .contains("checkout/checkout  eks.amazonaws.com/sts-regional-endpoints=true  [info]");
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    @Test
    @UseFixture("scenario-webhook-annotations")
    void aSkippedContainerIsWarnedAboutAndRefusesTheRunUntilAccepted() throws Exception {
        assertThat(containerCredentials("orders")).as("IRSA skips log-router today")
                .containsEntry("app", "irsa").containsEntry("log-router", "none");

        JsonNode plan = JSON.readTree(pim("plan", "--cluster", "webhook", "-o", "json").out());
        assertThat(plan.get("webhookSettings")).anySatisfy(s -> {
            assertThat(s.get("subject").asText()).isEqualTo("Deployment shop/orders");
            assertThat(s.get("setting").asText()).isEqualTo("eks.amazonaws.com/skip-containers");
            assertThat(s.get("level").asText()).isEqualTo("needs-acceptance");
        });
        assertThat(texts(plan.get("warnings"))).anySatisfy(w -> assertThat(w).contains("container log-router"))
                .anySatisfy(w -> assertThat(w).contains("eks.amazonaws.com/token-expiration=3600"));

        CliRun refused = pim("migrate", "--cluster", "webhook", "--approve", "--restart-workloads");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("container log-router of Deployment shop/orders")
                .contains("--accept-skipped-containers");
        assertThat(cloud.counters().mutatingCalls()).as("refused before any write").isZero();
        CliRun help = pim("migrate", "--help");
        assertThat(help.out()).contains("--accept-skipped-containers");

        CliRun accepted = pim("migrate", "--cluster", "webhook", "--approve", "--restart-workloads",
                "--accept-skipped-containers", "--timeout", "1m");
        assertThat(accepted.exitCode()).as(accepted.out() + accepted.err()).isZero();
        assertThat(containerCredentials("orders")).as("Pod Identity injects every container")
                .containsEntry("app", "pod-identity").containsEntry("log-router", "pod-identity");
    }

    @Test
    void removalTakesTheWebhookSettingsAndAddonRolesAlongAndRollbackBringsThemBack() throws Exception {
        Map<String, String> checkoutBefore = annotations("checkout", "checkout");
        assertThat(addonRole("vpc-cni")).isNotNull();

        CliRun kept = pim("migrate", "--cluster", "demo", "--approve", "--restart-workloads", "--timeout", "1m");
        assertThat(kept.exitCode()).as(kept.out() + kept.err()).isZero();
        JsonNode verification = JSON.readTree(pim("verify", "--cluster", "demo", "-o", "json").out());
        assertThat(StreamSupport.stream(verification.get("bindings").spliterator(), false)
                .filter(b -> b.get("serviceAccount").asText().equals("kube-system/aws-node")))
                .singleElement().satisfies(b -> assertThat(texts(b.get("leftovers"))).contains(
                        "add-on vpc-cni still has serviceAccountRoleArn: IRSA annotation left on its service account "
                                + "(--remove-irsa-annotation clears it once its pods are on Pod Identity)"));

        CliRun removed = pim("migrate", "--cluster", "demo", "--approve", "--restart-workloads",
                "--remove-irsa-annotation", "--timeout", "1m");
        assertThat(removed.exitCode()).as(removed.out() + removed.err()).isZero();
        assertThat(annotations("checkout", "checkout")).doesNotContainKeys("eks.amazonaws.com/role-arn",
                "eks.amazonaws.com/sts-regional-endpoints");
        assertThat(addonRole("vpc-cni")).isNull();
        assertThat(addonRole("aws-ebs-csi-driver")).isNull();

        CliRun rollback = pim("rollback", "--cluster", "demo");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(annotations("checkout", "checkout")).isEqualTo(checkoutBefore);
        assertThat(addonRole("vpc-cni")).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/demo-vpc-cni");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Map<String, String> annotations(String namespace, String name) {
        return cloud.cloud().read(s -> {
            var sa = cluster(s, "demo").kubernetes.serviceAccounts.get(namespace + "/" + name);
            return sa.getMetadata().getAnnotations() == null ? Map.of() : new TreeMap<>(sa.getMetadata().getAnnotations());
        });
    }

    private static String addonRole(String addon) {
        return cloud.cloud().read(s -> cluster(s, "demo").addons.get(addon).serviceAccountRoleArn);
    }

    private static ClusterState cluster(dev.pim.local.state.CloudState s, String name) {
        return s.cluster(ACCOUNT, "us-west-2", name).orElseThrow();
    }

    /** For each container of the workload's pods: irsa, pod-identity, both or none (the same in every pod). */
    private static Map<String, String> containerCredentials(String workload) {
        return cloud.cloud().read(s -> {
            Map<String, TreeSet<String>> byContainer = new TreeMap<>();
            cluster(s, "webhook").kubernetes.pods.values().stream()
                    .filter(p -> p.getMetadata().getName().startsWith(workload + "-"))
                    .flatMap(p -> p.getSpec().getContainers().stream())
                    .forEach(c -> byContainer.computeIfAbsent(c.getName(), k -> new TreeSet<>()).add(credentials(c)));
            Map<String, String> out = new TreeMap<>();
            byContainer.forEach((c, kinds) -> out.put(c, String.join("+", kinds)));
            return out;
        });
    }

    private static String credentials(Container c) {
        List<String> names = c.getEnv() == null ? List.of() : c.getEnv().stream().map(EnvVar::getName).toList();
        boolean irsa = names.contains("AWS_ROLE_ARN");
        boolean podIdentity = names.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        return irsa && podIdentity ? "both" : irsa ? "irsa" : podIdentity ? "pod-identity" : "none";
    }
}
