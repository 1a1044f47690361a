package dev.pim.integration.gateways;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway contracts against a LocalStack container ({@code -Plocalstack}): the same bodies as {@link
 * GatewaysLocalCloudTest}. Skipped, with the reason, where no Docker engine is reachable.
 */
class GatewaysLocalStackTest {
    @RegisterExtension
    static final LocalStackExtension localStack = new LocalStackExtension();

    static CloudEndpoint container() {
        return localStack.endpoint();
    }

    @Nested
    class Iam extends IamGatewayContract {
        @Override
        CloudEndpoint cloud() {
            return container();
        }
    }

    @Nested
    class Sts extends StsContract {
        @Override
        CloudEndpoint cloud() {
            return container();
        }
    }

    @Nested
    class Sqs extends SqsQueueContract {
        @Override
        CloudEndpoint cloud() {
            return container();
        }
    }

    @Nested
    class StepFunctions extends StepFunctionsExecutionsContract {
        @Override
        CloudEndpoint cloud() {
            return container();
        }
    }
}
