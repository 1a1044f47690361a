package dev.pim.local.fault;

import dev.pim.local.fault.LostResponse.Mode;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceInUseException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A call applied but its answer lost, over each AWS protocol: the state changed while the client saw the service's
 * internal error, or a connection dropped without an answer (retries off, to see the raw failure).
 */
class LostResponseTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    static final Fixture SHOP = FixtureLoader.parse("shop.yaml", """
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                roles:
                  - {name: orders, podIdentityTrust: true}
                regions:
                  - name: us-west-2
                    clusters:
                      - name: shop
            """);
    static final String ORDERS = "arn:aws:iam::111122223333:role/orders";
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String PASS = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}";

    @BeforeEach
    void shop() {
        cloud.cloud().reset(SHOP);
    }

    @Test
    void iamAppliesTheTrustPolicyButAnswersServiceFailure() {
        cloud.faults().loseResponse(LostResponse.onCall("iam:UpdateAssumeRolePolicy", 1, Mode.ERROR));

        try (IamClient iam = noRetries(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("orders").policyDocument(TRUST)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceFailure");
                    });
        }
        assertThat(trustOfOrders()).isEqualTo(TRUST);
        assertThat(cloud.faults().lostResponses()).isEqualTo(1);
    }

    @Test
    void iamAppliesTheTrustPolicyButDropsTheConnection() {
        cloud.faults().loseResponse(LostResponse.onCall("iam:UpdateAssumeRolePolicy", 1, Mode.DROP));

        try (IamClient iam = noRetries(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            assertDropped(() -> iam.updateAssumeRolePolicy(r -> r.roleName("orders").policyDocument(TRUST)));
            assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).as("not resent by the HTTP client").isEqualTo(1);
            assertThat(iam.getRole(r -> r.roleName("orders")).role().roleName()).as("the server goes on").isEqualTo("orders");
        }
        assertThat(trustOfOrders()).isEqualTo(TRUST);
    }

    @Test
    void theServerKeepsAnsweringAfterManyDroppedConnections() {
        cloud.faults().loseResponse(LostResponse.withProbability("iam:GetRole", 1, Mode.DROP).times(100));

        try (IamClient iam = noRetries(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            for (int i = 0; i < 100; i++) {
                assertThatThrownBy(() -> iam.getRole(r -> r.roleName("orders"))).isInstanceOf(SdkClientException.class);
            }
            assertThat(iam.getRole(r -> r.roleName("orders")).role().arn()).isEqualTo(ORDERS);
        }
        assertThat(cloud.faults().lostResponses()).isEqualTo(100);
    }

    @Test
    void eksCreatesTheAssociationButAnswersServerException() {
        cloud.faults().loseResponse(LostResponse.onCall("eks:CreatePodIdentityAssociation", 1, Mode.ERROR));

        try (EksClient eks = noRetries(EksClient.builder()).region(Region.US_WEST_2).build()) {
            assertThatThrownBy(() -> createAssociation(eks))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
                    });
            assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations())
                    .extracting(a -> a.serviceAccount()).containsExactly("orders-api");
        }
    }

    @Test
    void eksCreatesTheAssociationButDropsTheConnection() {
        cloud.faults().loseResponse(LostResponse.onCall("eks:CreatePodIdentityAssociation", 1, Mode.DROP));

        try (EksClient eks = noRetries(EksClient.builder()).region(Region.US_WEST_2).build()) {
            assertDropped(() -> createAssociation(eks));
            assertThat(cloud.counters().count("eks:CreatePodIdentityAssociation")).isEqualTo(1);
            assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("shop")).associations()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClientWithDefaultRetriesSendsTheCreateAgainAndIsToldItExists(Mode mode) {
        cloud.faults().loseResponse(LostResponse.onCall("eks:CreatePodIdentityAssociation", 1, mode));

        try (EksClient eks = EksClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(testKey()).build()) {
            assertThatThrownBy(() -> createAssociation(eks)).isInstanceOfSatisfying(ResourceInUseException.class, e ->
                    assertThat(e.statusCode()).isEqualTo(409));
        }
        assertThat(cloud.counters().count("eks:CreatePodIdentityAssociation")).as("sent twice").isEqualTo(2);
        assertThat(cloud.faults().lostResponses()).isEqualTo(1);
    }

    @Test
    void stepFunctionsStartsTheExecutionButAnswersInternalFailure() {
        try (SfnClient sfn = noRetries(SfnClient.builder()).region(Region.US_WEST_2).build()) {
            String machine = sfn.createStateMachine(r -> r.name("m").definition(PASS).roleArn(ORDERS)).stateMachineArn();
            cloud.faults().loseResponse(LostResponse.onCall("states:StartExecution", 1, Mode.ERROR));

            assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machine).name("run-1")))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                    });
            assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine)).executions())
                    .extracting(e -> e.name()).containsExactly("run-1");
        }
    }

    @Test
    void aSeededProbabilityLosesTheSameCallsEachRun() {
        assertThat(lostOfTwenty(7)).isEqualTo(lostOfTwenty(7)).contains("x").contains(".");
    }

    /** Twenty tag calls with half their answers lost: which ones, as x. */
    private String lostOfTwenty(long seed) {
        cloud.cloud().reset(SHOP);
        cloud.faults().seed(seed).loseResponse(LostResponse.withProbability("iam:TagRole", 0.5, Mode.ERROR));
        StringBuilder seen = new StringBuilder();
        try (IamClient iam = noRetries(IamClient.builder()).region(Region.AWS_GLOBAL).build()) {
            for (int i = 0; i < 20; i++) {
                String key = "k" + i;
                try {
                    iam.tagRole(r -> r.roleName("orders").tags(t -> t.key(key).value("v")));
                    seen.append('.');
                } catch (AwsServiceException e) {
                    seen.append('x');
                }
            }
        }
        int tags = cloud.cloud().read(s -> s.account("111122223333").role("orders").orElseThrow().tags.size());
        assertThat(tags).as("every call applied").isEqualTo(20);
        assertThat(cloud.faults().lostResponses()).isEqualTo(seen.chars().filter(c -> c == 'x').count());
        return seen.toString();
    }

    /** A dropped connection reaches the caller at once as an I/O failure: no status, no body, no wait for a timeout. */
    private static void assertDropped(ThrowingCallable call) {
        Instant start = Instant.now();
        assertThatThrownBy(call).isInstanceOf(SdkClientException.class).hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(SocketTimeoutException.class));
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    private static void createAssociation(EksClient eks) {
        eks.createPodIdentityAssociation(r -> r.clusterName("shop").namespace("orders").serviceAccount("orders-api")
                .roleArn(ORDERS));
    }

    private static String trustOfOrders() {
        return cloud.cloud().read(s -> s.account("111122223333").role("orders").orElseThrow().trustPolicy);
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B noRetries(B builder) {
        return builder.endpointOverride(cloud.endpoint()).credentialsProvider(testKey())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    private static StaticCredentialsProvider testKey() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }
}
