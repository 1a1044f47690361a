package dev.pim.integration.gateways;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;

/**
 * Where a gateway contract's calls go: the local cloud by default, a LocalStack container under {@code -Plocalstack}.
 * Clients are built by the production composition ({@link AwsClients}), as the functions and the CLI build them.
 */
public record CloudEndpoint(String name, URI uri, String region, String accessKey, String secretKey) {

    public AwsClients clients() {
        return AwsClients.create(region, uri, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    }

    static Backoff quickBackoff() {
        return new Backoff(Duration.ofMillis(10), Duration.ofMillis(200), 10, Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return name + " at " + uri;
    }
}
