package dev.pim.local.lambdaapi;

import dev.pim.local.junit.LocalCloudExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Duration;

/** The real SDK client against the local cloud: us-west-2, the test key, no retries (faults must show). */
final class LambdaClients {
    private LambdaClients() {
    }

    static LambdaClient create(LocalCloudExtension cloud) {
        return create(cloud, "test");
    }

    static LambdaClient create(LocalCloudExtension cloud, String accessKeyId) {
        return LambdaClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
                .httpClient(UrlConnectionHttpClient.create())
                // A call stuck behind a lock fails the test instead of hanging it.
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    static SdkBytes json(String text) {
        return SdkBytes.fromUtf8String(text);
    }
}
