package dev.pim.local.sts;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.iam.AwsClients;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsFaultsAndWireFormatTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String NAMESPACE = "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final StsClient sts = AwsClients.sts(cloud);

    @Test
    void readsOverTheRateLimitAreThrottled() {
        cloud.faults().rateLimit("sts:read", 1, 1);
        sts.getCallerIdentity();

        assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isThrottlingException()).isTrue();
        });
    }

    @Test
    void anInjectedFailureWithoutACodeIsStsInternalFailure() {
        cloud.faults().error(ErrorRule.onCall("sts:GetCallerIdentity", 1));

        assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(e.statusCode()).isEqualTo(500);
        });
    }

    @Test
    void assumeRoleCountsAsMutatingBecauseItRegistersCredentials() {
        sts.getCallerIdentity();
        sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/pim-operator").roleSessionName("counted"));

        assertThat(cloud.counters().mutatingSnapshot()).containsOnlyKeys("sts:AssumeRole");
    }

    @Test
    void errorsAreXmlInStsNamespace() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-west-2/sts/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=AssumeRole&Version=2011-06-15"
                        + "&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fpayments-api&RoleSessionName=raw"))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<ErrorResponse " + NAMESPACE + "><Error><Type>Sender</Type><Code>AccessDenied</Code>");
    }
}
