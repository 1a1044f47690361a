package dev.pim.handler;

/** Builds the handlers' environment from what the Lambda runtime gives (wired to DynamoDB once it lands). */
final class LambdaWiring {

    private LambdaWiring() {
    }

    static HandlerEnvironment fromEnvironment() {
        throw new IllegalStateException("the DynamoDB journal is not wired yet");
    }
}
