package dev.pim.local.kubernetes;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.AssociationState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eksauth.EksAuthClient;
import software.amazon.awssdk.services.eksauth.model.AccessDeniedException;
import software.amazon.awssdk.services.eksauth.model.AssumeRoleForPodIdentityResponse;
import software.amazon.awssdk.services.eksauth.model.ExpiredTokenException;
import software.amazon.awssdk.services.eksauth.model.InvalidTokenException;
import software.amazon.awssdk.services.eksauth.model.ResourceNotFoundException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Pod Identity agent's path: a pod-bound token from TokenRequest, then EKS Auth's AssumeRoleForPodIdentity. */
class PodIdentityAgentPathTest {
    private static final String SCOPED_TO_WEB = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
             "Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{
             "aws:RequestTag/kubernetes-namespace":["payments"],"aws:RequestTag/kubernetes-service-account":["payments-api"],
             "aws:RequestTag/kubernetes-pod-name":["%s"]}}}]}""";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final KubernetesClient kubernetes = DemoCluster.client(cloud);
    @AutoClose
    private final EksAuthClient eksAuth = EksAuthClient.builder().endpointOverride(cloud.endpoint())
            .region(Region.US_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();

    private Pod pod(String namespace, String serviceAccount) {
        return kubernetes.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> serviceAccount.equals(p.getSpec().getServiceAccountName())).findFirst().orElseThrow();
    }

    private String token(Pod pod, String audience) {
        return kubernetes.serviceAccounts().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getSpec().getServiceAccountName())
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withAudiences(audience).withExpirationSeconds(3600L)
                        .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid()).endBoundObjectRef().endSpec().build())
                .getStatus().getToken();
    }

    private void associate(String namespace, String serviceAccount, String roleArn, String trust) {
        cloud.cloud().write(state -> {
            var demo = state.cluster("111122223333", "us-west-2", "demo").orElseThrow();
            AssociationState association = new AssociationState("a-test", "arn:aws:eks:us-west-2:111122223333:"
                    + "podidentityassociation/demo/a-test", "demo", namespace, serviceAccount, state.now());
            association.roleArn = roleArn;
            demo.associations.put(association.id, association);
            state.roleByArn(roleArn).orElseThrow().trustPolicy = trust;
        });
    }

    @Test
    void theSessionTagsCarryThePodFromTheTokenIntoTheTrustPolicysConditions() {
        Pod pod = pod("payments", "payments-api");
        associate("payments", "payments-api", "arn:aws:iam::111122223333:role/payments-api",
                SCOPED_TO_WEB.formatted(pod.getMetadata().getName()));

        AssumeRoleForPodIdentityResponse session = eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo")
                .token(token(pod, "pods.eks.amazonaws.com")));

        assertThat(session.subject().namespace()).isEqualTo("payments");
        assertThat(session.subject().serviceAccount()).isEqualTo("payments-api");
        assertThat(session.podIdentityAssociation().associationId()).isEqualTo("a-test");
        assertThat(session.assumedRoleUser().arn()).startsWith("arn:aws:sts::111122223333:assumed-role/payments-api/eks-demo-"
                + pod.getMetadata().getName());
        assertThat(session.credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void aConditionThePodDoesNotMeetIsAccessDenied() {
        Pod pod = pod("payments", "payments-api");
        associate("payments", "payments-api", "arn:aws:iam::111122223333:role/payments-api",
                SCOPED_TO_WEB.formatted("another-pod"));

        assertThatThrownBy(() -> eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo")
                .token(token(pod, "pods.eks.amazonaws.com"))))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("sts:AssumeRole IMPLICIT_DENY");
    }

    @Test
    void aTokenForAnotherAudienceOrPastItsExpiryIsRefused() {
        Pod pod = pod("payments", "payments-api");
        associate("payments", "payments-api", "arn:aws:iam::111122223333:role/payments-api",
                SCOPED_TO_WEB.formatted(pod.getMetadata().getName()));
        String irsaToken = token(pod, "sts.amazonaws.com");
        String podIdentityToken = token(pod, "pods.eks.amazonaws.com");

        assertThatThrownBy(() -> eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo").token(irsaToken)))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo")
                .token(podIdentityToken.substring(0, podIdentityToken.length() - 2) + "AA")))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("not issued by cluster demo");
        cloud.cloud().clock().advance(Duration.ofHours(2));
        assertThatThrownBy(() -> eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo").token(podIdentityToken)))
                .isInstanceOf(ExpiredTokenException.class);
    }

    @Test
    void aServiceAccountWithoutAnAssociationGetsNothing() {
        Pod pod = pod("payments", "payments-api");

        assertThatThrownBy(() -> eksAuth.assumeRoleForPodIdentity(r -> r.clusterName("demo")
                .token(token(pod, "pods.eks.amazonaws.com"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("payments/payments-api");
    }

    @Test
    void aTokenBoundToAPodOfAnotherServiceAccountIsRefused() {
        Pod pod = pod("payments", "payments-api");

        assertThatThrownBy(() -> kubernetes.serviceAccounts().inNamespace("payments").withName("payments-api")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withAudiences("pods.eks.amazonaws.com")
                        .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
                        .withUid("not-its-uid").endBoundObjectRef().endSpec().build()))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("has another uid");
    }
}
