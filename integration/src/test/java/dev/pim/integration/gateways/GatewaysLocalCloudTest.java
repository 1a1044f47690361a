package dev.pim.integration.gateways;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway contracts against the local cloud; {@link GatewaysLocalStackTest} runs the same against LocalStack. */
class GatewaysLocalCloudTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    static CloudEndpoint localCloud() {
        return new CloudEndpoint("the local cloud", cloud.endpoint(), "us-west-2", "test", "test");
    }

    @Nested
    class Iam extends IamGatewayContract {
        @Override
        CloudEndpoint cloud() {
            return localCloud();
        }
    }

    @Nested
    class Sts extends StsContract {
        @Override
        CloudEndpoint cloud() {
            return localCloud();
        }
    }

    @Nested
    class Sqs extends SqsQueueContract {
        @Override
        CloudEndpoint cloud() {
            return localCloud();
        }
    }

    @Nested
    class StepFunctions extends StepFunctionsExecutionsContract {
        @Override
        CloudEndpoint cloud() {
            return localCloud();
        }
    }
}
