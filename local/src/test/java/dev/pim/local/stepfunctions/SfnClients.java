package dev.pim.local.stepfunctions;

import dev.pim.local.junit.LocalCloudExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The real SDK's Step Functions client pointed at the local cloud, with one attempt: a test sees exactly the answer given. */
final class SfnClients {
    private SfnClients() {
    }

    static SfnClient sfn(LocalCloudExtension cloud) {
        return SfnClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
