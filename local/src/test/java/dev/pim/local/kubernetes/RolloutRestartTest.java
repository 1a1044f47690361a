package dev.pim.local.kubernetes;

import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Ids;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static dev.pim.local.kubernetes.KubernetesPatchTest.envNames;
import static org.assertj.core.api.Assertions.assertThat;

/** A rollout restart re-creates a workload's pods, and admission gives the new ones the identity current then. */
class RolloutRestartTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final List<String> POD_IDENTITY_ENV = List.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    private static final List<String> IRSA_ENV = List.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE");
    private static final String MIXED_COMPUTE = """
            description: one cluster with Linux and Windows node groups and a Fargate profile
            accounts:
              - id: "111122223333"
                roles:
                  - name: jobs
                    irsa: [{cluster: mixed, serviceAccounts: [batch/job, win/app]}]
                regions:
                  - name: us-west-2
                    clusters:
                      - name: mixed
                        nodegroups:
                          - {name: linux, nodes: 2}
                          - {name: windows, amiType: WINDOWS_CORE_2022_x86_64, nodes: 2}
                        fargateProfiles:
                          - {name: batch, selectors: [{namespace: batch}]}
                        serviceAccounts:
                          - {namespace: batch, name: job, roleArn: "arn:aws:iam::111122223333:role/jobs"}
                          - {namespace: win, name: app, roleArn: "arn:aws:iam::111122223333:role/jobs"}
                        workloads:
                          - {kind: Deployment, namespace: batch, name: job, serviceAccount: job, replicas: 2}
                          - {kind: Deployment, namespace: win, name: app, serviceAccount: app, replicas: 2,
                             nodeSelector: {kubernetes.io/os: windows}}
            """;

    private KubernetesClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void restartingADeploymentGivesItsNewPodsPodIdentity() {
        client = DemoCluster.client(cloud);
        List<Pod> before = pods("payments", "payments-api");
        assertThat(before).hasSize(3).allSatisfy(p -> assertThat(envNames(p)).containsAll(IRSA_ENV));
        associate(DemoCluster.NAME, "payments", "payments-api");

        client.apps().deployments().inNamespace("payments").withName("payments-api").rolling().restart();

        List<Pod> after = pods("payments", "payments-api");
        assertThat(after).hasSize(3).allSatisfy(p -> {
            assertThat(envNames(p)).containsAll(POD_IDENTITY_ENV).doesNotContainAnyElementsOf(IRSA_ENV);
            assertThat(p.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
        });
        assertThat(names(after)).doesNotContainAnyElementsOf(names(before));
        assertThat(client.apps().deployments().inNamespace("payments").withName("payments-api").get()
                .getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void restartingAStatefulSetReplacesItsOrdinalPods() {
        client = DemoCluster.client(cloud);
        List<Pod> before = pods("orders", "orders-events");
        associate(DemoCluster.NAME, "orders", "orders-events");

        client.apps().statefulSets().inNamespace("orders").withName("orders-events").rolling().restart();

        List<Pod> after = pods("orders", "orders-events");
        assertThat(names(after)).containsExactly("orders-events-0", "orders-events-1");
        assertThat(after).allSatisfy(p ->
                assertThat(envNames(p)).containsAll(POD_IDENTITY_ENV).doesNotContainAnyElementsOf(IRSA_ENV));
        assertThat(uids(after)).doesNotContainAnyElementsOf(uids(before));
    }

    @Test
    void restartingADaemonSetReplacesThePodOnEveryNode() {
        client = DemoCluster.client(cloud);
        associate(DemoCluster.NAME, "monitoring", "fluent-bit");

        client.apps().daemonSets().inNamespace("monitoring").withName("fluent-bit").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE), restartPatch());

        List<Pod> after = pods("monitoring", "fluent-bit");
        assertThat(after).hasSize(3).allSatisfy(p ->
                assertThat(envNames(p)).containsAll(POD_IDENTITY_ENV).doesNotContainAnyElementsOf(IRSA_ENV));
        assertThat(after).extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates();
    }

    @Test
    void podsOnFargateNeverGetPodIdentity() {
        client = mixedComputeClient();
        associate("mixed", "batch", "job");

        client.apps().deployments().inNamespace("batch").withName("job").rolling().restart();

        List<Pod> after = pods("batch", "job");
        assertThat(after).hasSize(2).allSatisfy(p -> {
            assertThat(computeType(p)).isEqualTo("fargate");
            assertThat(envNames(p)).containsAll(IRSA_ENV).doesNotContainAnyElementsOf(POD_IDENTITY_ENV);
        });
    }

    @Test
    void podsOnWindowsNodesNeverGetPodIdentity() {
        client = mixedComputeClient();
        associate("mixed", "win", "app");

        client.apps().deployments().inNamespace("win").withName("app").rolling().restart();

        List<Pod> after = pods("win", "app");
        assertThat(after).hasSize(2).allSatisfy(p -> {
            assertThat(client.nodes().withName(p.getSpec().getNodeName()).get().getMetadata().getLabels())
                    .containsEntry("kubernetes.io/os", "windows");
            assertThat(envNames(p)).containsAll(IRSA_ENV).doesNotContainAnyElementsOf(POD_IDENTITY_ENV);
        });
    }

    private KubernetesClient mixedComputeClient() {
        cloud.cloud().reset(FixtureLoader.parse("mixed-compute.yaml", MIXED_COMPUTE));
        String endpoint = cloud.endpoint() + "/k8s/111122223333/us-west-2/mixed";
        return DemoCluster.clientFor(endpoint, EksTokens.token("test", "test", "us-west-2", "mixed"));
    }

    private static String restartPatch() {
        return "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\""
                + Instant.now() + "\"}}}}}";
    }

    private static void associate(String clusterName, String namespace, String serviceAccount) {
        cloud.cloud().write(state -> {
            ClusterState cluster = state.cluster("111122223333", "us-west-2", clusterName).orElseThrow();
            String id = Ids.associationId();
            AssociationState association = new AssociationState(id, "arn:aws:eks:us-west-2:111122223333:"
                    + "podidentityassociation/" + clusterName + "/" + id, clusterName, namespace, serviceAccount,
                    state.now());
            association.roleArn = "arn:aws:iam::111122223333:role/" + serviceAccount;
            cluster.associations.put(id, association);
        });
    }

    private List<Pod> pods(String namespace, String app) {
        return client.pods().inNamespace(namespace).withLabel("app.kubernetes.io/name", app).list().getItems();
    }

    private String computeType(Pod pod) {
        Node node = client.nodes().withName(pod.getSpec().getNodeName()).get();
        return node.getMetadata().getLabels().get("eks.amazonaws.com/compute-type");
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    private static List<String> uids(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getUid()).toList();
    }
}
