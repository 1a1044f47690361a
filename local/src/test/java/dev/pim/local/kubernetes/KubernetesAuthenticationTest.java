package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.Credential;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesAuthenticationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final String SA_PATH = "/api/v1/namespaces/payments/serviceaccounts/payments-api";
    private static final AwsCredentialsIdentity OPERATOR = AwsCredentialsIdentity.create("test", "test");

    @Test
    void refusesARequestWithoutAToken() {
        assertUnauthorized(null, "no bearer token");
    }

    @Test
    void fabric8SeesTheRefusalAsUnauthorized() {
        try (KubernetesClient client = DemoCluster.client(cloud, "k8s-aws-v1.bm90LWEtdXJs")) {
            assertThatThrownBy(() -> client.serviceAccounts().inAnyNamespace().list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(401);
                        assertThat(e.getStatus().getReason()).isEqualTo("Unauthorized");
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no prefix            | eyJub3QiOiJhIHRva2VuIn0                                    | missing expected",
            "not base64           | k8s-aws-v1.%%%                                             | not a base64url",
            "plain http           | http://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity | unexpected scheme",
            "not an STS host      | https://sts.evil.example.com/?Action=GetCallerIdentity     | unexpected hostname",
            "another path         | https://sts.us-west-2.amazonaws.com/x?Action=GetCallerIdentity | unexpected path",
            "another action       | https://sts.us-west-2.amazonaws.com/?Action=GetSessionToken | unexpected action",
            "extra parameter      | https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&Extra=1 | non-whitelisted",
            "repeated parameter   | https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&Action=GetCallerIdentity | multiple values",
            "cluster not signed   | https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&X-Amz-SignedHeaders=host | x-k8s-aws-id",
            "expiry over 900s     | https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Expires=901 | X-Amz-Expires",
            "no date              | https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Expires=60 | X-Amz-Date",
    })
    void refusesAMalformedToken(String description, String tokenOrUrl, String why) {
        String token = tokenOrUrl.startsWith("http") ? EksTokens.encode(URI.create(tokenOrUrl)) : tokenOrUrl;
        assertUnauthorized(token, why);
    }

    @Test
    void refusesATokenTooLargeToBeOne() {
        assertUnauthorized("k8s-aws-v1." + "a".repeat(4100), "too large");
    }

    @Test
    void refusesATokenFifteenMinutesAfterItWasSigned() {
        String fresh = EksTokens.token(OPERATOR, DemoCluster.REGION, DemoCluster.NAME, Instant.now().minusSeconds(14 * 60));
        assertThat(DemoCluster.rawGet(cloud, SA_PATH, fresh).statusCode()).isEqualTo(200);

        cloud.cloud().clock().advance(Duration.ofMinutes(2));

        assertUnauthorized(fresh, "expired");
    }

    @Test
    void refusesATokenSignedForAnotherCluster() {
        assertUnauthorized(EksTokens.token("test", "test", DemoCluster.REGION, "other"), "signature does not match");
    }

    @ParameterizedTest(name = "strict credentials: {0}")
    @CsvSource({"true", "false"})
    void refusesATokenSignedWithTheWrongSecret(boolean strict) {
        cloud.cloud().write(state -> state.behaviour.strictCredentials = strict);

        assertUnauthorized(EksTokens.token("test", "not-the-secret", DemoCluster.REGION, DemoCluster.NAME),
                "signature does not match");
    }

    @Test
    void strictModeRefusesAnUnknownAccessKey() {
        cloud.cloud().write(state -> state.behaviour.strictCredentials = true);

        assertUnauthorized(EksTokens.token("AKIAUNKNOWN", "whatever", DemoCluster.REGION, DemoCluster.NAME),
                "unknown access key");
    }

    @Test
    void lenientModeLetsAnUnknownAccessKeyActAsTheDefaultCredential() {
        String token = EksTokens.token("AKIAUNKNOWN", "whatever", DemoCluster.REGION, DemoCluster.NAME);

        assertThat(DemoCluster.rawGet(cloud, SA_PATH, token).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsSessionCredentialsOnlyWithTheirSessionToken() {
        cloud.cloud().write(state -> state.credentials.put("ASIASESSION", new Credential("ASIASESSION", "session-secret",
                "session-token", "111122223333", "arn:aws:sts::111122223333:assumed-role/pim-operator/run-1",
                "arn:aws:iam::111122223333:role/pim-operator", Instant.now().plus(Duration.ofHours(1)))));
        Instant now = Instant.now();

        String good = EksTokens.token(AwsSessionCredentialsIdentity.create("ASIASESSION", "session-secret", "session-token"),
                DemoCluster.REGION, DemoCluster.NAME, now);
        String forged = EksTokens.token(AwsSessionCredentialsIdentity.create("ASIASESSION", "session-secret", "other"),
                DemoCluster.REGION, DemoCluster.NAME, now);

        assertThat(DemoCluster.rawGet(cloud, SA_PATH, good).statusCode()).isEqualTo(200);
        assertUnauthorized(forged, "security token does not match");
    }

    @Test
    void verifiesAnIndependentlyComputedSignature() {
        // Signed by hand (Python hmac/hashlib) for AKID/secret, 2024-01-01T00:00:00Z, cluster "demo".
        String url = "https://sts.us-west-2.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"
                + "&X-Amz-Credential=AKID%2F20240101%2Fus-west-2%2Fsts%2Faws4_request&X-Amz-Expires=60"
                + "&X-Amz-Signature=fd80038b48fe08385c157451daa66229d55920faf8074c99505d4a0b6245a279";
        PresignedStsUrl parsed = PresignedStsUrl.fromToken(EksTokens.encode(URI.create(url)));

        assertThat(parsed.signedBy("secret", "demo")).isTrue();
        assertThat(parsed.signedBy("secret", "demo2")).isFalse();
        assertThat(parsed.signedBy("Secret", "demo")).isFalse();
        assertThat(EksTokens.presignedUrl(AwsCredentialsIdentity.create("AKID", "secret"), "us-west-2", "demo",
                Instant.parse("2024-01-01T00:00:00Z")).getQuery()).contains("X-Amz-Signature="
                + "fd80038b48fe08385c157451daa66229d55920faf8074c99505d4a0b6245a279");
    }

    private static void assertUnauthorized(String token, String why) {
        HttpResponse<String> response = DemoCluster.rawGet(cloud, SA_PATH, token);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body())).isEqualTo(json("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"));
        assertThat(response.headers().firstValue("X-Pim-Auth-Failure")).hasValueSatisfying(v -> assertThat(v).contains(why));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
