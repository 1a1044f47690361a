package dev.pim.local.eks;

import dev.pim.local.junit.LocalCloudExtension;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.EksException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Clients for driving the local EKS the way the migrator does: the AWS SDK for Java v2, over HTTP. */
final class EksTestSupport {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-west-2";

    private EksTestSupport() {
    }

    /** An EKS client in us-west-2 that does not retry, so that each error reaches the test as the server sent it. */
    static EksClient eks(LocalCloudExtension cloud) {
        return eks(cloud, "test");
    }

    static EksClient eks(LocalCloudExtension cloud, String accessKeyId) {
        return EksClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** The EKS error a call fails with. */
    static EksException eksError(ThrowingCallable call) {
        try {
            call.call();
        } catch (EksException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected an EksException, got " + t, t);
        }
        throw new AssertionError("expected the call to fail with an EksException, but it succeeded");
    }

    /**
     * A raw request, to see the wire format itself. The router only needs a well-formed SigV4 credential scope
     * to know the request is for EKS; the signature itself is not checked.
     */
    static HttpResponse<String> raw(LocalCloudExtension cloud, String method, String pathAndQuery, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + pathAndQuery))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/" + REGION
                        + "/eks/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
