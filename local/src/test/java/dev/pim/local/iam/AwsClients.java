package dev.pim.local.iam;

import dev.pim.local.junit.LocalCloudExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Real AWS SDK clients pointed at the emulator, signing with the demo fixture's key unless told otherwise.
 * Retries are off so that each test sees exactly the answer the emulator gave.
 */
public final class AwsClients {
    public static final AwsCredentials DEMO_KEY = AwsBasicCredentials.create("test", "test");

    private AwsClients() {
    }

    public static IamClient iam(LocalCloudExtension cloud) {
        return IamClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(DEMO_KEY))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public static StsClient sts(LocalCloudExtension cloud) {
        return sts(cloud, DEMO_KEY);
    }

    /** An STS client signing with the temporary credentials an AssumeRole call returned. */
    public static StsClient sts(LocalCloudExtension cloud, Credentials issued) {
        return sts(cloud, AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken()));
    }

    public static StsClient sts(LocalCloudExtension cloud, AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(cloud.endpoint())
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
