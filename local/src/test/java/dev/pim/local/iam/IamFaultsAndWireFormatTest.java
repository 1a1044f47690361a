package dev.pim.local.iam;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ConcurrentModificationException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamFaultsAndWireFormatTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String NAMESPACE = "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final IamClient iam = AwsClients.iam(cloud);

    @Test
    void writesOverTheRateLimitAreThrottledAsIamThrottles() {
        cloud.faults().rateLimit("iam:write", 1, 1);
        iam.tagRole(r -> r.roleName("search").tags(t -> t.key("a").value("1")));

        assertThatThrownBy(() -> iam.tagRole(r -> r.roleName("search").tags(t -> t.key("b").value("2"))))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                    assertThat(e.isThrottlingException()).isTrue();
                });
        assertThat(iam.getRole(r -> r.roleName("search")).role().tags()).hasSize(1);
    }

    @Test
    void anInjectedFailureWithoutACodeIsIamsServiceFailure() {
        cloud.faults().error(ErrorRule.onCall("iam:GetRole", 1));

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("search")))
                .isInstanceOfSatisfying(ServiceFailureException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceFailure");
                });
        assertThat(iam.getRole(r -> r.roleName("search")).role().roleName()).isEqualTo("search");
    }

    @Test
    void anInjectedFailureWithACodeAnswersThatCodeAndStatus() {
        cloud.faults().error(ErrorRule.onCall("iam:UpdateAssumeRolePolicy", 1)
                .answering("ConcurrentModification", 409, "try again later"));

        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("search")
                .policyDocument(IamTrustPolicyTest.policyOfChargedLength(300))))
                .isInstanceOfSatisfying(ConcurrentModificationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("try again later");
                });
    }

    @Test
    void afterTheSimulatedCrashEveryCallFailsWithANonRetryableEmulatedCrash() {
        cloud.faults().crashAfterMutatingCalls(1);
        iam.getRole(r -> r.roleName("search"));
        iam.tagRole(r -> r.roleName("search").tags(t -> t.key("a").value("1")));

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("search")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void onlyOperationsThatCanChangeStateCountAsMutating() {
        iam.getRole(r -> r.roleName("search"));
        iam.listRoles();
        iam.tagRole(r -> r.roleName("search").tags(t -> t.key("a").value("1")));
        iam.untagRole(r -> r.roleName("search").tagKeys("a"));

        assertThat(cloud.counters().mutatingSnapshot()).containsOnlyKeys("iam:TagRole", "iam:UntagRole");
        assertThat(cloud.counters().count("iam:GetRole")).isEqualTo(1);
    }

    @Test
    void answersAreXmlInIamsNamespaceWithARequestId() throws Exception {
        HttpResponse<String> ok = post("Action=GetRole&Version=2010-05-08&RoleName=search");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("<GetRoleResponse " + NAMESPACE + "><GetRoleResult><Role>")
                .contains("<RoleLastUsed/>").containsPattern("<ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId>");
    }

    @Test
    void operationsWithoutOutputAnswerOnlyResponseMetadata() throws Exception {
        HttpResponse<String> ok = post("Action=UntagRole&Version=2010-05-08&RoleName=search&TagKeys.member.1=x");

        assertThat(ok.body()).contains("<UntagRoleResponse " + NAMESPACE + "><ResponseMetadata>")
                .doesNotContain("UntagRoleResult");
    }

    @Test
    void errorsAreSenderFaultsExceptInternalFailuresWhichAreTheReceivers() throws Exception {
        HttpResponse<String> missing = post("Action=GetRole&Version=2010-05-08&RoleName=nope");
        cloud.faults().error(ErrorRule.onCall("iam:GetRole", 1));
        HttpResponse<String> failed = post("Action=GetRole&Version=2010-05-08&RoleName=search");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<ErrorResponse " + NAMESPACE + "><Error><Type>Sender</Type><Code>NoSuchEntity</Code>");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("<Type>Receiver</Type><Code>ServiceFailure</Code>");
    }

    @Test
    void anUnknownActionIsInvalidAction() throws Exception {
        HttpResponse<String> response = post("Action=CreateUser&Version=2010-05-08&UserName=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidAction</Code>")
                .contains("Could not find operation CreateUser for version 2010-05-08");
    }

    /** A query-protocol call signed in form only: the emulator reads the scope, it does not check signatures. */
    private static HttpResponse<String> post(String form) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
