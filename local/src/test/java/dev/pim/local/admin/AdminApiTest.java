package dev.pim.local.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults and counters driven over HTTP, as a test or benchmark does against a standalone server. */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private final HttpClient http = HttpClient.newHttpClient();

    private IamClient iam() {
        return IamClient.builder().endpointOverride(cloud.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_pim/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException(response.statusCode() + " " + json);
        }
        return json;
    }

    @Test
    void countersCountCallsByOperationAndReset() throws Exception {
        try (IamClient iam = iam()) {
            iam.getRole(r -> r.roleName("search"));
            iam.getRole(r -> r.roleName("search"));
            iam.tagRole(r -> r.roleName("search").tags(t -> t.key("k").value("v")));
        }
        JsonNode counters = call("GET", "counters", null);
        assertThat(counters.path("calls").path("iam:GetRole").asLong()).isEqualTo(2);
        assertThat(counters.path("mutating").asLong()).isEqualTo(1);
        call("DELETE", "counters", null);
        assertThat(call("GET", "counters", null).path("total").asLong()).isZero();
    }

    @Test
    void latencySetOverHttpSlowsCalls() throws Exception {
        call("POST", "faults", "{\"latencyMillis\": 300}");
        try (IamClient iam = iam()) {
            long start = System.nanoTime();
            iam.getRole(r -> r.roleName("search"));
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void injectedErrorAndCrashAreAnsweredUntilReset() throws Exception {
        call("POST", "faults", "{\"errors\": [{\"operation\": \"iam:GetRole\", \"nthCall\": 1, \"code\": \"ServiceFailure\", \"status\": 500}],"
                + " \"crashAfterMutatingCalls\": 1}");
        try (IamClient iam = iam()) {
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName("search")))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            iam.tagRole(r -> r.roleName("search").tags(t -> t.key("k").value("v")));
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName("search")))
                    .isInstanceOfSatisfying(IamException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash"));
            assertThat(call("GET", "counters", null).path("injectedErrors").asLong()).isEqualTo(1);
            call("DELETE", "faults", null);
            assertThat(iam.getRole(r -> r.roleName("search")).role().roleName()).isEqualTo("search");
        }
    }

    @Test
    void lostResponsesSetOverHttpApplyTheCallAndAreCounted() throws Exception {
        call("POST", "faults", "{\"lostResponses\": [{\"operation\": \"iam:TagRole\", \"nthCall\": 1, \"mode\": \"error\"},"
                + " {\"operation\": \"iam:UntagRole\", \"nthCall\": 1, \"mode\": \"drop\", \"times\": 1}]}");
        try (IamClient iam = iam()) {
            assertThatThrownBy(() -> iam.tagRole(r -> r.roleName("search").tags(t -> t.key("k").value("v"))))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
            assertThat(iam.listRoleTags(r -> r.roleName("search")).tags()).extracting(t -> t.key()).contains("k");
            assertThatThrownBy(() -> iam.untagRole(r -> r.roleName("search").tagKeys("k")))
                    .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
            assertThat(iam.listRoleTags(r -> r.roleName("search")).tags()).extracting(t -> t.key()).doesNotContain("k");
        }
        assertThat(call("GET", "counters", null).path("lostResponses").asLong()).isEqualTo(2);
        assertThatThrownBy(() -> call("POST", "faults", "{\"lostResponses\": [{\"operation\": \"iam:TagRole\", \"nthCall\": 1, \"mode\": \"vanish\"}]}"))
                .hasMessageContaining("400").hasMessageContaining("'error' or 'drop'");
    }

    @Test
    void resetRestoresTheFixture() throws Exception {
        try (IamClient iam = iam()) {
            iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
            call("POST", "reset", null);
            assertThat(java.net.URLDecoder.decode(iam.getRole(r -> r.roleName("search")).role().assumeRolePolicyDocument(),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("AssumeRoleWithWebIdentity");
        }
    }

    @Test
    void badFaultSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> call("POST", "faults", "{\"rateLimits\": [{\"family\": \"iam\", \"perSecond\": 1}]}"))
                .hasMessageContaining("400").hasMessageContaining("iam:read");
        assertThatThrownBy(() -> call("POST", "nonsense", null)).hasMessageContaining("404");
    }
}
