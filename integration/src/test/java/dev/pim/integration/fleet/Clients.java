package dev.pim.integration.fleet;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** SDK clients of the local cloud, with its {@code test} key, for the tests' own checks. */
final class Clients {
    private static final StaticCredentialsProvider TEST_KEY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private Clients() {
    }

    static IamClient iam(URI endpoint) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(TEST_KEY).build();
    }

    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2).credentialsProvider(TEST_KEY).build();
    }
}
