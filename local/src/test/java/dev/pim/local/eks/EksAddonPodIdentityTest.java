package dev.pim.local.eks;

import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.kubernetes.PodIdentityWebhook;
import dev.pim.local.kubernetes.WorkloadController;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.AddonPodIdentityAssociations;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.pim.local.eks.EksTestSupport.eks;
import static dev.pim.local.eks.EksTestSupport.eksError;
import static org.assertj.core.api.Assertions.assertThat;

class EksAddonPodIdentityTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    static final String CNI_IRSA_ROLE = "arn:aws:iam::111122223333:role/cni-irsa";
    static final String CNI_ROLE = "arn:aws:iam::111122223333:role/cni";
    static final String CNI_NEXT_ROLE = "arn:aws:iam::111122223333:role/cni-next";
    static final String EBS_ROLE = "arn:aws:iam::111122223333:role/ebs";

    static final Fixture SHOP = FixtureLoader.parse("addon-pod-identity.yaml", """
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                roles:
                  - {name: cni-irsa, irsa: [{cluster: shop, serviceAccounts: [kube-system/aws-node]}]}
                  - {name: cni, podIdentityTrust: true}
                  - {name: cni-next, podIdentityTrust: true}
                  - {name: ebs, podIdentityTrust: true}
                regions:
                  - name: us-west-2
                    clusters:
                      - name: shop
                        nodegroups: [{name: general, nodes: 2}]
                        addons:
                          - {name: vpc-cni, serviceAccountRoleArn: "arn:aws:iam::111122223333:role/cni-irsa"}
                          - {name: coredns}
            """);

    private final EksClient eks = eks(cloud);

    @BeforeEach
    void useShopFixture() {
        cloud.cloud().reset(SHOP);
    }

    private static AddonPodIdentityAssociations association(String serviceAccount, String roleArn) {
        return AddonPodIdentityAssociations.builder().serviceAccount(serviceAccount).roleArn(roleArn).build();
    }

    private Addon describe(String name) {
        return eks.describeAddon(r -> r.clusterName("shop").addonName(name)).addon();
    }

    private PodIdentityAssociation describeAssociation(String arn) {
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        return eks.describePodIdentityAssociation(r -> r.clusterName("shop").associationId(id)).association();
    }

    private void setCniAssociations(List<AddonPodIdentityAssociations> associations) {
        eks.updateAddon(r -> r.clusterName("shop").addonName("vpc-cni").podIdentityAssociations(associations));
        cloud.cloud().clock().advance(java.time.Duration.ofSeconds(3));
    }

    private <T> T inShop(Function<ClusterState, T> reader) {
        return cloud.cloud().read(state -> reader.apply(state.cluster("111122223333", "us-west-2", "shop").orElseThrow()));
    }

    @Test
    void createsAddonOwnedAssociationsInTheAddonsNamespace() {
        Addon ebs = eks.createAddon(r -> r.clusterName("shop").addonName("aws-ebs-csi-driver")
                .podIdentityAssociations(association("ebs-csi-controller-sa", EBS_ROLE))).addon();

        assertThat(ebs.podIdentityAssociations()).singleElement().satisfies(arn -> {
            PodIdentityAssociation association = describeAssociation(arn);
            assertThat(association.namespace()).isEqualTo("kube-system");
            assertThat(association.serviceAccount()).isEqualTo("ebs-csi-controller-sa");
            assertThat(association.roleArn()).isEqualTo(EBS_ROLE);
            assertThat(association.ownerArn()).isEqualTo(ebs.addonArn());
        });
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations())
                .extracting(PodIdentityAssociationSummary::ownerArn).containsExactly(ebs.addonArn());
    }

    @Test
    void leavesTheAssociationsAloneWhenAnUpdateOmitsTheList() {
        setCniAssociations(List.of(association("aws-node", CNI_ROLE)));
        List<String> before = describe("vpc-cni").podIdentityAssociations();

        eks.updateAddon(r -> r.clusterName("shop").addonName("vpc-cni").configurationValues("{}"));

        assertThat(before).hasSize(1);
        assertThat(describe("vpc-cni").podIdentityAssociations()).isEqualTo(before);
    }

    @Test
    void deletesTheAddonsAssociationsWhenAnUpdateSendsAnEmptyList() {
        setCniAssociations(List.of(association("aws-node", CNI_ROLE)));

        setCniAssociations(List.of());

        assertThat(describe("vpc-cni").podIdentityAssociations()).isEmpty();
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations()).isEmpty();
        assertThat(roleAnnotationOfAwsNode()).isEqualTo(CNI_IRSA_ROLE);
    }

    @Test
    void replacesTheAddonsAssociationsWhenAnUpdateSendsAList() {
        setCniAssociations(List.of(association("aws-node", CNI_ROLE)));

        setCniAssociations(List.of(association("aws-node", CNI_NEXT_ROLE)));

        assertThat(describe("vpc-cni").podIdentityAssociations()).singleElement()
                .satisfies(arn -> assertThat(describeAssociation(arn).roleArn()).isEqualTo(CNI_NEXT_ROLE));
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations()).hasSize(1);
    }

    @Test
    void refusesToAdoptAStandaloneAssociationOfTheAddonsServiceAccount() {
        String standalone = eks.createPodIdentityAssociation(r -> r.clusterName("shop").namespace("kube-system")
                .serviceAccount("aws-node").roleArn(CNI_ROLE)).association().associationId();

        EksException e = eksError(() -> eks.updateAddon(r -> r.clusterName("shop").addonName("vpc-cni")
                .podIdentityAssociations(association("aws-node", CNI_ROLE))));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("already exists").contains(standalone);
        assertThat(describe("vpc-cni").statusAsString()).isEqualTo("ACTIVE");
    }

    @Test
    void refusesAServiceAccountTheAddonVersionDoesNotName() {
        EksException e = eksError(() -> eks.updateAddon(r -> r.clusterName("shop").addonName("vpc-cni")
                .podIdentityAssociations(association("amazon-cloudwatch", CNI_ROLE))));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("Service account amazon-cloudwatch in pod identity configuration is not supported for addon vpc-cni");
    }

    @Test
    void refusesAssociationsForAVersionWithoutPodIdentity() {
        EksException older = eksError(() -> eks.updateAddon(r -> r.clusterName("shop").addonName("vpc-cni")
                .addonVersion("v1.15.1-eksbuild.1").podIdentityAssociations(association("aws-node", CNI_ROLE))));
        EksException coredns = eksError(() -> eks.updateAddon(r -> r.clusterName("shop").addonName("coredns")
                .podIdentityAssociations(association("coredns", CNI_ROLE))));

        assertThat(older.awsErrorDetails().errorMessage())
                .isEqualTo("Pod Identity feature is not supported for addon version: v1.15.1-eksbuild.1");
        assertThat(coredns.awsErrorDetails().errorMessage())
                .isEqualTo("Pod Identity feature is not supported for addon version: v1.11.4-eksbuild.2");
    }

    @Test
    void checksTheRolesLikeCreatePodIdentityAssociation() {
        EksException e = eksError(() -> eks.updateAddon(r -> r.clusterName("shop").addonName("vpc-cni")
                .podIdentityAssociations(association("aws-node", CNI_IRSA_ROLE))));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Trust policy of the role provided is invalid");
    }

    @Test
    void stopsIrsaAndRestartsTheAddonsPodsOnPodIdentityOnceAssociationsAreSet() {
        List<String> podsBefore = inShop(shop -> awsNodePods(shop).stream().map(p -> p.getMetadata().getName()).toList());
        assertThat(roleAnnotationOfAwsNode()).isEqualTo(CNI_IRSA_ROLE);
        assertThat(inShop(EksAddonPodIdentityTest::awsNodePods)).allSatisfy(pod -> assertThat(env(pod))
                .containsEntry("AWS_ROLE_ARN", CNI_IRSA_ROLE));

        setCniAssociations(List.of(association("aws-node", CNI_ROLE)));

        assertThat(roleAnnotationOfAwsNode()).isNull();
        assertThat(describe("vpc-cni").serviceAccountRoleArn()).isEqualTo(CNI_IRSA_ROLE);
        List<Pod> podsAfter = inShop(EksAddonPodIdentityTest::awsNodePods);
        assertThat(podsAfter).hasSize(2).noneMatch(p -> podsBefore.contains(p.getMetadata().getName()));
        assertThat(podsAfter).allSatisfy(pod -> assertThat(env(pod))
                .containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", PodIdentityWebhook.POD_IDENTITY_URI)
                .doesNotContainKey("AWS_ROLE_ARN"));
        Map<String, String> template = inShop(shop -> shop.kubernetes.daemonSets.get("kube-system/aws-node").getSpec()
                .getTemplate().getMetadata().getAnnotations());
        assertThat(template).containsKey(AddonWorkloads.RESTARTED_AT);
    }

    @Test
    void startsANewAddonsPodsOnIrsaWhenItIsGivenAServiceAccountRole() {
        eks.createAddon(r -> r.clusterName("shop").addonName("aws-efs-csi-driver").serviceAccountRoleArn(EBS_ROLE));

        List<Pod> pods = inShop(shop -> WorkloadController.podsOf(shop,
                shop.kubernetes.deployments.get("kube-system/efs-csi-controller")));
        assertThat(pods).hasSize(2).allSatisfy(pod -> assertThat(env(pod)).containsEntry("AWS_ROLE_ARN", EBS_ROLE));
    }

    @Test
    void deletesTheAddonsAssociationsWithTheAddon() {
        setCniAssociations(List.of(association("aws-node", CNI_ROLE)));

        eks.deleteAddon(r -> r.clusterName("shop").addonName("vpc-cni"));

        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations()).isEmpty();
    }

    @Test
    void keepsTheAddonsAssociationsAsStandaloneOnesWhenTheAddonIsPreserved() {
        setCniAssociations(List.of(association("aws-node", CNI_ROLE)));

        eks.deleteAddon(r -> r.clusterName("shop").addonName("vpc-cni").preserve(true));

        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations()).singleElement()
                .satisfies(summary -> {
                    assertThat(summary.serviceAccount()).isEqualTo("aws-node");
                    assertThat(summary.ownerArn()).isNull();
                });
    }

    private String roleAnnotationOfAwsNode() {
        return inShop(shop -> {
            Map<String, String> annotations = shop.kubernetes.serviceAccounts.get("kube-system/aws-node")
                    .getMetadata().getAnnotations();
            return annotations == null ? null : annotations.get(PodIdentityWebhook.ROLE_ARN_ANNOTATION);
        });
    }

    private static List<Pod> awsNodePods(ClusterState shop) {
        DaemonSet awsNode = shop.kubernetes.daemonSets.get("kube-system/aws-node");
        return WorkloadController.podsOf(shop, awsNode);
    }

    private static Map<String, String> env(Pod pod) {
        return pod.getSpec().getContainers().get(0).getEnv().stream()
                .collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
    }
}
