package dev.pim.local.kubernetes;

import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * EKS bearer tokens, made as aws-iam-authenticator and {@code aws eks get-token} make them: a SigV4
 * query-string presign of STS {@code GetCallerIdentity} that signs the {@code x-k8s-aws-id: <cluster>} header,
 * base64url-encoded without padding after {@code k8s-aws-v1.}. Written apart from the emulator's verifier,
 * with the AWS SDK's own signer, so that each checks the other.
 */
public final class EksTokens {
    private static final Duration EXPIRY = Duration.ofSeconds(60);

    private EksTokens() {
    }

    public static String token(String accessKeyId, String secretAccessKey, String region, String cluster) {
        return token(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey), region, cluster, Instant.now());
    }

    static String token(AwsCredentialsIdentity credentials, String region, String cluster, Instant signedAt) {
        return encode(presignedUrl(credentials, region, cluster, signedAt));
    }

    /** The presigned {@code GetCallerIdentity} URL a token carries. */
    static URI presignedUrl(AwsCredentialsIdentity credentials, String region, String cluster, Instant signedAt) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts." + region + ".amazonaws.com/"))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", cluster)
                .build();
        return AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials)
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, EXPIRY)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().getUri();
    }

    /** Wraps any URL as a token, for tests that need a malformed one. */
    static String encode(URI url) {
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.toString().getBytes(StandardCharsets.UTF_8));
    }
}
