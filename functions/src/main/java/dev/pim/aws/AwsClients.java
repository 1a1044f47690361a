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
import software.amazon.awssdk.utils.Lazy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Builds the SDK clients of one account and region, once. The endpoint is AWS's unless overridden (the
 * local cloud: {@code --endpoint-url} or {@code AWS_ENDPOINT_URL}); credentials come from the default chain
 * unless given (an assumed role for a member account). IAM and EKS writes go through clients of their own whose
 * adaptive retry strategy ({@link WritePacing}) paces them to the rate the service allows; reads go through clients
 * that are not paced, so a throttled write family never slows the reads. The engine's own backoff
 * ({@link Backoff}) takes over when the SDK's retries run out.
 * Every client, and the HTTP client under them, is built on first use: a Lambda function pays at its cold start
 * only for the services it calls.
 */
public final class AwsClients implements AutoCloseable {
    private static final int SDK_ATTEMPTS = 5;

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Lazy<SdkHttpClient> http;
    private final Lazy<IamClient> iam;
    private final Lazy<EksClient> eks;
    private final Lazy<IamClient> iamWrites;
    private final Lazy<EksClient> eksWrites;
    private final Lazy<StsClient> sts;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SqsClient> sqs;
    private final Lazy<SfnClient> sfn;
    private final CallCounter calls = new CallCounter();

    private AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = new Lazy<>(() -> plainHttp(endpoint) ? UrlConnectionHttpClient.create(AwsClients::openPlain)
                : UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build());
        this.iam = new Lazy<>(() -> configure(IamClient.builder(), Region.AWS_GLOBAL, false).httpClient(http.getValue()).build());
        this.eks = new Lazy<>(() -> configure(EksClient.builder(), region, false).httpClient(http.getValue()).build());
        this.iamWrites = new Lazy<>(() -> configure(IamClient.builder(), Region.AWS_GLOBAL, true).httpClient(http.getValue()).build());
        this.eksWrites = new Lazy<>(() -> configure(EksClient.builder(), region, true).httpClient(http.getValue()).build());
        this.sts = new Lazy<>(() -> configure(StsClient.builder(), region, false).httpClient(http.getValue()).build());
        this.dynamoDb = new Lazy<>(() -> configure(DynamoDbClient.builder(), region, false).httpClient(http.getValue()).build());
        this.sqs = new Lazy<>(() -> configure(SqsClient.builder(), region, false).httpClient(http.getValue()).build());
        this.sfn = new Lazy<>(() -> configure(SfnClient.builder(), region, false).httpClient(http.getValue()).build());
    }

    /**
     * The URL-connection client's builder sets up TLS (an SSLContext, the JDK's trust store) whether or not an
     * endpoint needs it; given a connection factory it does not. A plain {@code http://} endpoint (the local cloud)
     * gets one, with the client's default timeouts (2 s to connect, 30 s to read).
     */
    private static boolean plainHttp(URI endpoint) {
        return endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme());
    }

    private static java.net.HttpURLConnection openPlain(URI uri) {
        try {
            return (java.net.HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open a connection to " + uri, e);
        }
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
                .stsClient(sts())
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

    /**
     * @param pacedWrites a client for one API family's writes: its adaptive strategy's rate limiter is the
     *                    client's alone (the SDK keeps one per strategy, whatever the operation)
     */
    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region signingRegion, boolean pacedWrites) {
        builder.region(signingRegion)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(pacedWrites ? WritePacing.adaptive(SDK_ATTEMPTS) : WritePacing.standard(SDK_ATTEMPTS))
                        .apiCallTimeout(Duration.ofMinutes(2))
                        .addExecutionInterceptor(calls)
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    /** IAM for reads (and anything not paced). */
    public IamClient iam() {
        return iam.getValue();
    }

    /** EKS for reads (and anything not paced). */
    public EksClient eks() {
        return eks.getValue();
    }

    /** IAM for writes, paced to the rate IAM allows. */
    public IamClient iamWrites() {
        return iamWrites.getValue();
    }

    /** EKS for writes, paced to the rate EKS allows. */
    public EksClient eksWrites() {
        return eksWrites.getValue();
    }

    public StsClient sts() {
        return sts.getValue();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.getValue();
    }

    public SqsClient sqs() {
        return sqs.getValue();
    }

    public SfnClient sfn() {
        return sfn.getValue();
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

    /** Closes the clients built so far (none is built just to be closed). */
    @Override
    public synchronized void close() {
        for (Lazy<? extends AutoCloseable> client : List.of(iam, eks, iamWrites, eksWrites, sts, dynamoDb, sqs, sfn, http)) {
            if (client.hasValue()) {
                try {
                    client.getValue().close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close an SDK client", e);
                }
            }
        }
    }
}
