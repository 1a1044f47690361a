package dev.pim.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the SDK clients of one account and region, once. The endpoint is AWS's unless overridden (the
 * local cloud: {@code --endpoint-url} or {@code AWS_ENDPOINT_URL}); credentials come from the default chain
 * unless given (an assumed role for a member account). The adaptive retry strategy ({@link WritePacing}) paces
 * calls to the rate a service allows; the engine's own backoff ({@link Backoff}) takes over when its retries run out.
 */
public final class AwsClients implements AutoCloseable {
    private static final int SDK_ATTEMPTS = 5;

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final IamClient iam;
    private final EksClient eks;
    private final StsClient sts;
    private final CallCounter calls = new CallCounter();
    // Only the ledger, the fleet functions and the CLI pointed at the table need these: built on first use.
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private SfnClient sfn;

    private AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        this.iam = configure(IamClient.builder(), Region.AWS_GLOBAL).httpClient(http).build();
        this.eks = configure(EksClient.builder(), region).httpClient(http).build();
        this.sts = configure(StsClient.builder(), region).httpClient(http).build();
    }

    /**
     * @param endpoint null for AWS itself; otherwise every service is called there (the local cloud serves
     *                 them all on one endpoint)
     */
    public static AwsClients create(String region, URI endpoint, AwsCredentialsProvider credentials) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("no region: pass --region or set AWS_REGION");
        }
        return new AwsClients(Region.of(region), endpoint,
                credentials != null ? credentials : DefaultCredentialsProvider.builder().build());
    }

    /**
     * Clients acting in another account through a role assumed with these clients' STS (a fleet's member
     * accounts); the SDK refreshes the session before it expires.
     */
    public AwsClients assuming(String roleArn, String sessionName) {
        var assumed = software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName))
                .build();
        return new AwsClients(region, endpoint, assumed);
    }

    /** The endpoint from {@code AWS_ENDPOINT_URL} (or the {@code aws.endpointUrl} system property), if set. */
    public static Optional<URI> endpointFromEnvironment() {
        String value = Optional.ofNullable(System.getProperty("aws.endpointUrl"))
                .orElse(System.getenv("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value));
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region signingRegion) {
        builder.region(signingRegion)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(WritePacing.adaptive(SDK_ATTEMPTS))
                        .apiCallTimeout(Duration.ofMinutes(2))
                        .addExecutionInterceptor(calls)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    public IamClient iam() {
        return iam;
    }

    public EksClient eks() {
        return eks;
    }

    public StsClient sts() {
        return sts;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder(), region).httpClient(http).build();
        }
        return dynamoDb;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = configure(SqsClient.builder(), region).httpClient(http).build();
        }
        return sqs;
    }

    public synchronized SfnClient sfn() {
        if (sfn == null) {
            sfn = configure(SfnClient.builder(), region).httpClient(http).build();
        }
        return sfn;
    }

    public Region region() {
        return region;
    }

    /** The calls these clients made so far, by {@code service:Operation}. */
    public CallCounter calls() {
        return calls;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    @Override
    public synchronized void close() {
        iam.close();
        eks.close();
        sts.close();
        for (AutoCloseable lazy : new AutoCloseable[]{dynamoDb, sqs, sfn}) {
            if (lazy != null) {
                try {
                    lazy.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close an SDK client", e);
                }
            }
        }
        http.close();
    }
}
