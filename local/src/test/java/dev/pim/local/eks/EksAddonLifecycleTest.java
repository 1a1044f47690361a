package dev.pim.local.eks;

import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.kubernetes.WorkloadController;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Addon;
import software.amazon.awssdk.services.eks.model.AddonInfo;
import software.amazon.awssdk.services.eks.model.AddonVersionInfo;
import software.amazon.awssdk.services.eks.model.DescribeAddonConfigurationResponse;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.Update;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.pim.local.eks.EksTestSupport.eks;
import static dev.pim.local.eks.EksTestSupport.eksError;
import static dev.pim.local.eks.EksTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

class EksAddonLifecycleTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    static final Fixture SHOP = FixtureLoader.parse("addons.yaml", """
            behaviour: {addonSettleSeconds: 30}
            addonCatalog:
              - name: legacy-addon
                versions:
                  - {version: v1.0.0-eksbuild.1, clusterVersions: ["1.25"]}
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                regions:
                  - name: us-west-2
                    clusters:
                      - name: shop
                        version: "1.31"
                        nodegroups: [{name: general, nodes: 2}]
                        addons:
                          - {name: vpc-cni}
                          - {name: coredns}
                        addonOutcomes:
                          aws-efs-csi-driver: CREATE_FAILED
                          amazon-cloudwatch-observability: DEGRADED
                          kube-proxy: CREATE_FAILED
            """);

    private final EksClient eks = eks(cloud);

    @BeforeEach
    void useShopFixture() {
        cloud.cloud().reset(SHOP);
    }

    private Addon describe(String name) {
        return eks.describeAddon(r -> r.clusterName("shop").addonName(name)).addon();
    }

    private void waitOutTheSettleTime() {
        cloud.cloud().clock().advance(Duration.ofSeconds(31));
    }

    @Test
    void createsAnAddonThatIsCreatingUntilTheSettleTimeAndThenActive() {
        Addon created = eks.createAddon(r -> r.clusterName("shop").addonName("eks-pod-identity-agent")).addon();

        assertThat(created.statusAsString()).isEqualTo("CREATING");
        assertThat(created.addonVersion()).isEqualTo("v1.3.4-eksbuild.1");
        assertThat(created.addonArn()).matches("arn:aws:eks:us-west-2:111122223333:addon/shop/eks-pod-identity-agent/"
                + "[0-9a-f-]{36}");
        assertThat(describe("eks-pod-identity-agent").statusAsString()).isEqualTo("CREATING");
        waitOutTheSettleTime();
        assertThat(describe("eks-pod-identity-agent").statusAsString()).isEqualTo("ACTIVE");
    }

    @Test
    void installsTheAgentDaemonSetWithAPodOnEveryLinuxNode() {
        eks.createAddon(r -> r.clusterName("shop").addonName("eks-pod-identity-agent").addonVersion("v1.0.0-eksbuild.1"));

        cloud.cloud().read(state -> {
            ClusterState shop = state.cluster("111122223333", "us-west-2", "shop").orElseThrow();
            DaemonSet agent = shop.kubernetes.daemonSets.get("kube-system/eks-pod-identity-agent");
            assertThat(agent).isNotNull();
            assertThat(WorkloadController.podsOf(shop, agent)).hasSize(2);
            assertThat(shop.kubernetes.serviceAccounts).containsKey("kube-system/eks-pod-identity-agent");
            return null;
        });
    }

    @Test
    void refusesToCreateAnAddonThatIsAlreadyInstalled() {
        EksException e = eksError(() -> eks.createAddon(r -> r.clusterName("shop").addonName("vpc-cni")));

        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Addon already exists.");
    }

    @Test
    void refusesAnAddonOrVersionTheCatalogDoesNotOfferNamingIt() {
        EksException name = eksError(() -> eks.createAddon(r -> r.clusterName("shop").addonName("kube-cheese")));
        EksException version = eksError(() -> eks.createAddon(r -> r.clusterName("shop")
                .addonName("eks-pod-identity-agent").addonVersion("v9.9.9-eksbuild.1")));

        assertThat(name.statusCode()).isEqualTo(400);
        assertThat(name.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(name.awsErrorDetails().errorMessage()).contains("kube-cheese");
        assertThat(version.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(version.awsErrorDetails().errorMessage()).contains("v9.9.9-eksbuild.1");
    }

    @Test
    void refusesAVersionThatDoesNotSupportTheClustersKubernetesVersion() {
        EksException e = eksError(() -> eks.createAddon(r -> r.clusterName("shop").addonName("legacy-addon")
                .addonVersion("v1.0.0-eksbuild.1")));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("v1.0.0-eksbuild.1").contains("1.31");
    }

    @Test
    void endsInTheOutcomeTheFixtureSetsForTheAddon() {
        eks.createAddon(r -> r.clusterName("shop").addonName("aws-efs-csi-driver"));
        eks.createAddon(r -> r.clusterName("shop").addonName("amazon-cloudwatch-observability"));

        waitOutTheSettleTime();

        Addon failed = describe("aws-efs-csi-driver");
        assertThat(failed.statusAsString()).isEqualTo("CREATE_FAILED");
        assertThat(failed.health().issues()).isNotEmpty();
        assertThat(describe("amazon-cloudwatch-observability").statusAsString()).isEqualTo("DEGRADED");
    }

    @Test
    void updatesThroughUpdatingBackToActiveAndReportsTheUpdate() {
        Update update = eks.updateAddon(r -> r.clusterName("shop").addonName("coredns")
                .configurationValues("{\"replicaCount\":3}")).update();

        assertThat(update.statusAsString()).isEqualTo("InProgress");
        assertThat(update.typeAsString()).isEqualTo("AddonUpdate");
        assertThat(update.params()).anySatisfy(p -> {
            assertThat(p.typeAsString()).isEqualTo("ConfigurationValues");
            assertThat(p.value()).isEqualTo("{\"replicaCount\":3}");
        });
        assertThat(describe("coredns").statusAsString()).isEqualTo("UPDATING");
        assertThat(describeUpdate("coredns", update.id()).statusAsString()).isEqualTo("InProgress");
        waitOutTheSettleTime();
        Addon coredns = describe("coredns");
        assertThat(coredns.statusAsString()).isEqualTo("ACTIVE");
        assertThat(coredns.configurationValues()).isEqualTo("{\"replicaCount\":3}");
        assertThat(describeUpdate("coredns", update.id()).statusAsString()).isEqualTo("Successful");
    }

    @Test
    void reportsAFailedUpdateWhenTheFixtureMakesTheAddonFail() {
        eks.createAddon(r -> r.clusterName("shop").addonName("kube-proxy"));
        waitOutTheSettleTime();

        Update update = eks.updateAddon(r -> r.clusterName("shop").addonName("kube-proxy")
                .resolveConflicts("OVERWRITE")).update();
        waitOutTheSettleTime();

        assertThat(describe("kube-proxy").statusAsString()).isEqualTo("UPDATE_FAILED");
        assertThat(describeUpdate("kube-proxy", update.id()).statusAsString()).isEqualTo("Failed");
    }

    private Update describeUpdate(String addon, String id) {
        return eks.describeUpdate(r -> r.name("shop").updateId(id).addonName(addon)).update();
    }

    @Test
    void refusesToUpdateAnAddonThatIsStillUpdating() {
        eks.updateAddon(r -> r.clusterName("shop").addonName("coredns").resolveConflicts("OVERWRITE"));

        EksException e = eksError(() -> eks.updateAddon(r -> r.clusterName("shop").addonName("coredns")
                .resolveConflicts("OVERWRITE")));

        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("UPDATING");
    }

    @Test
    void refusesAnUnknownAddonOrUpdateNamingIt() {
        EksException addon = eksError(() -> describe("kube-cheese"));
        EksException update = eksError(() -> eks.describeUpdate(r -> r.name("shop").updateId("no-such-update")));

        assertThat(addon.statusCode()).isEqualTo(404);
        assertThat(addon.awsErrorDetails().errorMessage()).isEqualTo("No addon: kube-cheese found in cluster: shop");
        assertThat(update.statusCode()).isEqualTo(404);
        assertThat(update.awsErrorDetails().errorMessage()).isEqualTo("No update found for ID: no-such-update");
    }

    @Test
    void listsAddonsPageByPage() {
        List<String> names = eks.listAddonsPaginator(r -> r.clusterName("shop").maxResults(1)).addons().stream().toList();

        assertThat(names).containsExactly("vpc-cni", "coredns");
    }

    @Test
    void deletesAnAddonWithItsWorkloadsUnlessPreserved() {
        Addon deleting = eks.deleteAddon(r -> r.clusterName("shop").addonName("coredns")).addon();
        eks.deleteAddon(r -> r.clusterName("shop").addonName("vpc-cni").preserve(true));

        assertThat(deleting.statusAsString()).isEqualTo("DELETING");
        assertThat(eks.listAddons(r -> r.clusterName("shop")).addons()).isEmpty();
        cloud.cloud().read(state -> {
            ClusterState shop = state.cluster("111122223333", "us-west-2", "shop").orElseThrow();
            assertThat(shop.kubernetes.deployments).doesNotContainKey("kube-system/coredns");
            assertThat(shop.kubernetes.pods.keySet()).noneMatch(key -> key.startsWith("kube-system/coredns-"));
            assertThat(shop.kubernetes.daemonSets).containsKey("kube-system/aws-node");
            return null;
        });
    }

    @Test
    void describesAddonVersionsFilteredByNameAndKubernetesVersion() {
        List<AddonInfo> addons = eks.describeAddonVersions(r -> r.addonName("vpc-cni").kubernetesVersion("1.31"))
                .addons();

        assertThat(addons).singleElement().satisfies(vpcCni -> {
            assertThat(vpcCni.type()).isEqualTo("networking");
            assertThat(vpcCni.addonVersions()).extracting(AddonVersionInfo::addonVersion)
                    .containsExactly("v1.19.2-eksbuild.1", "v1.15.1-eksbuild.1");
            AddonVersionInfo latest = vpcCni.addonVersions().get(0);
            assertThat(latest.requiresIamPermissions()).isTrue();
            assertThat(latest.requiresConfiguration()).isFalse();
            assertThat(latest.compatibilities()).anySatisfy(c -> {
                assertThat(c.clusterVersion()).isEqualTo("1.31");
                assertThat(c.platformVersions()).containsExactly("*");
                assertThat(c.defaultVersion()).isTrue();
            });
        });
        assertThat(eks.describeAddonVersions(r -> r.addonName("legacy-addon").kubernetesVersion("1.31")).addons())
                .isEmpty();
    }

    @Test
    void describesAddonVersionsByTypePageByPage() {
        List<String> storage = eks.describeAddonVersions(r -> r.types("storage")).addons().stream()
                .map(AddonInfo::addonName).toList();
        List<AddonInfo> all = eks.describeAddonVersionsPaginator(r -> r.maxResults(3)).addons().stream().toList();
        List<AddonInfo> byEks = eks.describeAddonVersions(r -> r.publishers("eks").owners("aws")).addons();
        List<AddonInfo> fromMarketplace = eks.describeAddonVersions(r -> r.owners("aws-marketplace")).addons();

        assertThat(storage).containsExactly("aws-ebs-csi-driver", "aws-efs-csi-driver", "aws-mountpoint-s3-csi-driver");
        assertThat(all).hasSize(cloud.cloud().read(state -> state.addonCatalog.all().size()));
        assertThat(byEks).hasSameSizeAs(all);
        assertThat(fromMarketplace).isEmpty();
    }

    @Test
    void describesWhichServiceAccountsOfAnAddonVersionCanUsePodIdentity() {
        DescribeAddonConfigurationResponse supported = eks.describeAddonConfiguration(r -> r.addonName("vpc-cni")
                .addonVersion("v1.19.2-eksbuild.1"));
        DescribeAddonConfigurationResponse unsupported = eks.describeAddonConfiguration(r -> r.addonName("vpc-cni")
                .addonVersion("v1.15.1-eksbuild.1"));

        assertThat(supported.podIdentityConfiguration()).singleElement().satisfies(c -> {
            assertThat(c.serviceAccount()).isEqualTo("aws-node");
            assertThat(c.recommendedManagedPolicies()).containsExactly("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        });
        assertThat(supported.configurationSchema()).startsWith("{");
        assertThat(unsupported.podIdentityConfiguration()).isEmpty();
    }

    @Test
    void refusesAnAddonConfigurationRequestWithoutAVersion() throws Exception {
        HttpResponse<String> response = raw(cloud, "GET", "/addons/configuration-schemas?addonName=vpc-cni", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");
        assertThat(response.body()).contains("addonVersion");
    }
}
