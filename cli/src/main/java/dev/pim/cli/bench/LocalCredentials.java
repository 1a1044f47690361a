package dev.pim.cli.bench;

/** The local cloud accepts the {@code test} key; the in-process engine and handlers find it as the SDK's properties. */
final class LocalCredentials {
    private LocalCredentials() {
    }

    static void useTestKeyUnlessSet() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
        }
    }
}
