package dev.pim.integration.scope;

import dev.pim.integration.CliRun;
import dev.pim.integration.TestCredentials;
import dev.pim.kubernetes.EksTokenGenerator;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.InvalidParameterException;
import software.amazon.awssdk.services.eksauth.EksAuthClient;
import software.amazon.awssdk.services.eksauth.model.AccessDeniedException;
import software.amazon.awssdk.services.eksauth.model.AssumeRoleForPodIdentityResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --trust-scope}: the CLI migrates the demo cluster, then pods get credentials the way the Pod Identity agent
 * gets them (a pod-bound token from the API server's TokenRequest, then EKS Auth's AssumeRoleForPodIdentity over the
 * real SDK clients), and the role's session-tag conditions decide who gets the role.
 */
@ExtendWith(TestCredentials.class)
class ScopedTrustIntegrationTest {
    private static final String PAYMENTS_ROLE = "arn:aws:iam::111122223333:role/payments-api";
    private static final StaticCredentialsProvider OPERATOR = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("test", "test"));
    private static final Region REGION = Region.US_WEST_2;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path journal;

    @Test
    void aServiceAccountScopedRoleServesItsOwnPodsAndRefusesAnotherServiceAccountsAssociation() {
        migrate("service-account");
        String trust = trustOf("payments-api");
        assertThat(trust).contains("\"aws:RequestTag/kubernetes-namespace\":[\"payments\"]")
                .contains("\"aws:RequestTag/kubernetes-service-account\":[\"payments-api\"]")
                .contains("\"aws:RequestTag/eks-cluster-arn\":[\"arn:aws:eks:us-west-2:111122223333:cluster/demo\"]");

        AssumeRoleForPodIdentityResponse own = podCredentials("payments", "payments-api");
        assertThat(own.assumedRoleUser().arn()).startsWith("arn:aws:sts::111122223333:assumed-role/payments-api/eks-demo-");
        assertThat(callerArn(own)).isEqualTo(own.assumedRoleUser().arn());

        try (EksClient eks = EksClient.builder().endpointOverride(cloud.endpoint()).region(REGION)
                .credentialsProvider(OPERATOR).build()) {
            String searchAssociation = eks.listPodIdentityAssociations(r -> r.clusterName("demo").namespace("search")
                    .serviceAccount("search-api")).associations().get(0).associationId();
            assertThatThrownBy(() -> eks.updatePodIdentityAssociation(r -> r.clusterName("demo")
                    .associationId(searchAssociation).roleArn(PAYMENTS_ROLE)))
                    .as("EKS refuses to point another service account at the scoped role")
                    .isInstanceOf(InvalidParameterException.class);
        }
        pointSearchApiAt(PAYMENTS_ROLE);
        assertThatThrownBy(() -> podCredentials("search", "search-api"))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("payments-api").hasMessageContaining("sts:AssumeRole IMPLICIT_DENY");
    }

    @Test
    void anAccountScopedRoleServesAnyAssociationThatNamesIt() {
        migrate("account");
        assertThat(trustOf("payments-api")).doesNotContain("aws:RequestTag");

        pointSearchApiAt(PAYMENTS_ROLE);

        assertThat(podCredentials("search", "search-api").assumedRoleUser().arn())
                .startsWith("arn:aws:sts::111122223333:assumed-role/payments-api/");
    }

    private void migrate(String scope) {
        CliRun run = CliRun.against(cloud, journal, "migrate", "--cluster", "demo", "--approve", "--trust-scope", scope);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("SUCCEEDED");
    }

    private String trustOf(String role) {
        try (IamClient iam = IamClient.builder().endpointOverride(cloud.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(OPERATOR).build()) {
            return java.net.URLDecoder.decode(iam.getRole(r -> r.roleName(role)).role().assumeRolePolicyDocument(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** An association made while the role trusted every association of the account (arranged in the state). */
    private static void pointSearchApiAt(String roleArn) {
        cloud.cloud().write(state -> {
            ClusterState demo = state.cluster("111122223333", "us-west-2", "demo").orElseThrow();
            AssociationState search = demo.associations.values().stream()
                    .filter(a -> a.namespace.equals("search") && a.serviceAccount.equals("search-api")).findFirst().orElseThrow();
            search.roleArn = roleArn;
        });
    }

    /** What the agent does for a pod of the service account: a token bound to the pod, then EKS Auth. */
    private static AssumeRoleForPodIdentityResponse podCredentials(String namespace, String serviceAccount) {
        String endpoint = cloud.endpoint() + "/k8s/111122223333/us-west-2/demo";
        String bearer = new EksTokenGenerator(OPERATOR, REGION.id(), Clock.systemUTC()).token("demo");
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withAutoConfigure(false).withMasterUrl(endpoint).withOauthToken(bearer).build()).build();
             EksAuthClient eksAuth = EksAuthClient.builder().endpointOverride(cloud.endpoint()).region(REGION)
                     .credentialsProvider(OPERATOR).build()) {
            Pod pod = kubernetes.pods().inNamespace(namespace).list().getItems().stream()
                    .filter(p -> serviceAccount.equals(p.getSpec().getServiceAccountName())).findFirst().orElseThrow();
            String token = kubernetes.serviceAccounts().inNamespace(namespace).withName(serviceAccount)
                    .tokenRequest(new TokenRequestBuilder().withNewSpec().withAudiences("pods.eks.amazonaws.com")
                            .withExpirationSeconds(86_400L).withNewBoundObjectRef().withApiVersion("v1").withKind("Pod")
                            .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
                            .endBoundObjectRef().endSpec().build())
                    .getStatus().getToken();
            return eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo").token(token));
        }
    }

    /** Who STS says the pod's credentials are. */
    private static String callerArn(AssumeRoleForPodIdentityResponse session) {
        var credentials = session.credentials();
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.endpoint()).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())))
                .build()) {
            return sts.getCallerIdentity().arn();
        }
    }
}
