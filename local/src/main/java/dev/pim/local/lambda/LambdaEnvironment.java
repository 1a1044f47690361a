package dev.pim.local.lambda;

/**
 * Where in-process handlers find AWS. The Lambda runtime gives functions {@code AWS_REGION}, credentials and
 * (here) {@code AWS_ENDPOINT_URL} as environment variables, which a running JVM cannot set; the AWS SDK for
 * Java v2 reads the same settings from system properties first, so before each invocation the runner sets
 * {@code aws.endpointUrl}, {@code aws.region}, {@code aws.accessKeyId} and {@code aws.secretAccessKey}. System
 * properties are JVM-wide: concurrent executions in different regions see the last region set.
 *
 * @param endpointUrl the local cloud's endpoint, or null to leave the properties alone (pure interpreter runs)
 */
public record LambdaEnvironment(String endpointUrl, String accessKeyId, String secretAccessKey) {
    public static final LambdaEnvironment NONE = new LambdaEnvironment(null, null, null);

    public static LambdaEnvironment localCloud(String endpointUrl) {
        return new LambdaEnvironment(endpointUrl, "test", "test");
    }

    /** Sets the properties for an invocation in {@code region} (shared with the SQS event source mappings). */
    public void apply(String region) {
        if (endpointUrl == null) {
            return;
        }
        System.setProperty("aws.endpointUrl", endpointUrl);
        System.setProperty("aws.region", region);
        System.setProperty("aws.accessKeyId", accessKeyId);
        System.setProperty("aws.secretAccessKey", secretAccessKey);
    }
}
