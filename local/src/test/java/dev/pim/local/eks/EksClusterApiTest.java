package dev.pim.local.eks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.fault.ErrorRule;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.FargateProfile;
import software.amazon.awssdk.services.eks.model.ListClustersResponse;
import software.amazon.awssdk.services.eks.model.Nodegroup;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.pim.local.eks.EksTestSupport.eks;
import static dev.pim.local.eks.EksTestSupport.eksError;
import static dev.pim.local.eks.EksTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EksClusterApiTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private static final Fixture CLUSTERS = FixtureLoader.parse("clusters.yaml", """
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                regions:
                  - name: us-west-2
                    clusters:
                      - name: alpha
                        version: "1.30"
                        platformVersion: eks.9
                        authenticationMode: API
                        tags: {team: platform}
                        nodegroups:
                          - {name: linux, nodes: 3, labels: {pool: general}}
                          - {name: windows, amiType: WINDOWS_CORE_2022_x86_64, capacityType: SPOT, nodes: 1}
                        fargateProfiles:
                          - {name: batch, selectors: [{namespace: batch, labels: {compute: fargate}}]}
                      - name: beta
                        autoMode: true
                      - name: gamma
                        status: CREATING
                  - name: eu-west-1
                    clusters:
                      - name: elsewhere
            """);

    private final EksClient eks = eks(cloud);

    @BeforeEach
    void useClusterFixture() {
        cloud.cloud().reset(CLUSTERS);
    }

    @Test
    void listsTheClustersOfTheSigningRegionPageByPage() {
        List<ListClustersResponse> pages = eks.listClustersPaginator(r -> r.maxResults(1)).stream().toList();

        assertThat(pages).hasSize(3);
        assertThat(pages.stream().flatMap(p -> p.clusters().stream())).containsExactly("alpha", "beta", "gamma");
        assertThat(pages.get(2).nextToken()).isNull();
    }

    @Test
    void describesAClusterWithItsEndpointIssuerAndAccessConfig() throws Exception {
        Cluster cluster = eks.describeCluster(r -> r.name("alpha")).cluster();

        assertThat(cluster.arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/alpha");
        assertThat(cluster.version()).isEqualTo("1.30");
        assertThat(cluster.platformVersion()).isEqualTo("eks.9");
        assertThat(cluster.statusAsString()).isEqualTo("ACTIVE");
        assertThat(cluster.endpoint()).isEqualTo(cloud.endpoint() + "/k8s/111122223333/us-west-2/alpha");
        assertThat(cluster.identity().oidc().issuer()).startsWith("https://oidc.eks.us-west-2.amazonaws.com/id/");
        assertThat(cluster.accessConfig().authenticationModeAsString()).isEqualTo("API");
        assertThat(cluster.tags()).containsEntry("team", "platform");
        assertThat(cluster.createdAt()).isBefore(Instant.now());
        assertThat(cluster.computeConfig()).isNull();
        byte[] pem = Base64.getDecoder().decode(cluster.certificateAuthority().data());
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes");
    }

    @Test
    void reportsComputeConfigForAutoModeClusters() {
        Cluster cluster = eks.describeCluster(r -> r.name("beta")).cluster();

        assertThat(cluster.computeConfig().enabled()).isTrue();
    }

    @Test
    void refusesAnUnknownClusterNamingIt() {
        EksException e = eksError(() -> eks.describeCluster(r -> r.name("elsewhere")));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No cluster found for name: elsewhere.");
    }

    @Test
    void describesNodegroupsWithTheirScalingFromTheNodeCount() {
        assertThat(eks.listNodegroups(r -> r.clusterName("alpha")).nodegroups()).containsExactly("linux", "windows");

        Nodegroup linux = eks.describeNodegroup(r -> r.clusterName("alpha").nodegroupName("linux")).nodegroup();
        assertThat(linux.amiTypeAsString()).isEqualTo("AL2023_x86_64_STANDARD");
        assertThat(linux.capacityTypeAsString()).isEqualTo("ON_DEMAND");
        assertThat(linux.scalingConfig().desiredSize()).isEqualTo(3);
        assertThat(linux.labels()).containsEntry("pool", "general");
        assertThat(linux.statusAsString()).isEqualTo("ACTIVE");
        assertThat(linux.nodeRole()).startsWith("arn:aws:iam::111122223333:role/");
        Nodegroup windows = eks.describeNodegroup(r -> r.clusterName("alpha").nodegroupName("windows")).nodegroup();
        assertThat(windows.amiTypeAsString()).isEqualTo("WINDOWS_CORE_2022_x86_64");
        assertThat(windows.capacityTypeAsString()).isEqualTo("SPOT");
    }

    @Test
    void refusesAnUnknownNodegroupNamingIt() {
        EksException e = eksError(() -> eks.describeNodegroup(r -> r.clusterName("alpha").nodegroupName("gpu")));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No node group found for name: gpu.");
    }

    @Test
    void describesFargateProfilesWithTheirSelectors() {
        assertThat(eks.listFargateProfiles(r -> r.clusterName("alpha")).fargateProfileNames()).containsExactly("batch");

        FargateProfile batch = eks.describeFargateProfile(r -> r.clusterName("alpha").fargateProfileName("batch"))
                .fargateProfile();
        assertThat(batch.selectors()).singleElement().satisfies(s -> {
            assertThat(s.namespace()).isEqualTo("batch");
            assertThat(s.labels()).isEqualTo(Map.of("compute", "fargate"));
        });
        EksException e = eksError(() -> eks.describeFargateProfile(r -> r.clusterName("alpha").fargateProfileName("x")));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No Fargate Profile found with name: x.");
    }

    @Test
    void refusesMaxResultsOutsideOneToHundred() {
        EksException e = eksError(() -> eks.listClusters(r -> r.maxResults(101)));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("maxResults must be between 1 and 100");
    }

    @Test
    void refusesANextTokenItDidNotIssue() {
        EksException e = eksError(() -> eks.listClusters(r -> r.nextToken("forged")));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("nextToken");
    }

    @Test
    void writesTimestampsAsEpochSecondsOnTheWire() throws Exception {
        HttpResponse<String> response = raw(cloud, "GET", "/clusters/alpha", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode createdAt = new ObjectMapper().readTree(response.body()).path("cluster").path("createdAt");
        assertThat(createdAt.isNumber()).as("createdAt %s is a JSON number", createdAt).isTrue();
        Instant fixtureCreation = cloud.cloud().read(s -> s.cluster("111122223333", "us-west-2", "alpha")
                .orElseThrow().createdAt);
        assertThat(createdAt.asDouble()).isCloseTo(fixtureCreation.toEpochMilli() / 1000.0, within(0.001));
    }

    @Test
    void refusesABodyThatIsNotJson() throws Exception {
        HttpResponse<String> response = raw(cloud, "POST", "/clusters/alpha/access-entries", "{principalArn:");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(response.body()).contains("not valid JSON");
    }

    @Test
    void answersAPathWithNoOperationWithUnknownOperationException() throws Exception {
        HttpResponse<String> response = raw(cloud, "GET", "/clusters/alpha/widgets", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(response.body()).contains("GET /clusters/alpha/widgets");
    }

    @Test
    void answersThrottlingAs429ThrottlingException() {
        cloud.faults().rateLimit("eks:read", 0.001, 1);
        eks.describeCluster(r -> r.name("alpha"));

        EksException e = eksError(() -> eks.describeCluster(r -> r.name("alpha")));

        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        assertThat(e.isThrottlingException()).isTrue();
    }

    @Test
    void answersAnInjectedFailureAsServerExceptionUnlessTheRuleNamesOne() {
        cloud.faults().error(ErrorRule.onCall("eks:DescribeCluster", 1));
        cloud.faults().error(ErrorRule.onCall("eks:ListClusters", 1).answering("ServiceUnavailableException", 503, "busy"));

        EksException server = eksError(() -> eks.describeCluster(r -> r.name("alpha")));
        EksException unavailable = eksError(() -> eks.listClusters(r -> r.maxResults(5)));

        assertThat(server.statusCode()).isEqualTo(500);
        assertThat(server.awsErrorDetails().errorCode()).isEqualTo("ServerException");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
    }

    @Test
    void answersEveryCallAfterASimulatedCrashWithEmulatedCrash() {
        cloud.faults().crashAfterMutatingCalls(1);
        eks.createAccessEntry(r -> r.clusterName("alpha").principalArn("arn:aws:iam::111122223333:role/ci"));

        EksException e = eksError(() -> eks.describeCluster(r -> r.name("alpha")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash");
    }

    @Test
    void countsCallsByOperationAndTellsMutatingOnesApart() {
        eks.describeCluster(r -> r.name("alpha"));
        eks.listNodegroups(r -> r.clusterName("alpha"));
        eks.createAccessEntry(r -> r.clusterName("alpha").principalArn("arn:aws:iam::111122223333:role/ci"));

        assertThat(cloud.counters().count("eks:DescribeCluster")).isEqualTo(1);
        assertThat(cloud.counters().mutatingSnapshot()).containsOnlyKeys("eks:CreateAccessEntry");
    }

    @Test
    void refusesChangesToAClusterThatIsNotActive() {
        EksException e = eksError(() -> eks.createAccessEntry(r -> r.clusterName("gamma")
                .principalArn("arn:aws:iam::111122223333:role/ci")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster 'gamma' is not in ACTIVE status");
    }

    @Test
    void refusesAnUnknownAccessKeyWhenCredentialsAreStrict() {
        cloud.cloud().write(state -> state.behaviour.strictCredentials = true);

        EksException e = eksError(() -> eks(cloud, "AKIAUNKNOWN").describeCluster(r -> r.name("alpha")));

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
    }
}
