package dev.pim.integration.gateways;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A LocalStack container (IAM, STS, SQS, DynamoDB, Step Functions, Lambda), started once for every test class that
 * registers this and stopped when the run ends. Without a Docker engine the tests are skipped, with the reason,
 * never passed: {@code mvn -B verify -Plocalstack} says so in its output.
 */
public final class LocalStackExtension implements ExecutionCondition, BeforeAllCallback {
    /** Pinned, so that a run is the same run later. */
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4");
    private static final String SERVICES = "iam,sts,sqs,dynamodb,stepfunctions,lambda";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!dockerAvailable(context)) {
            String suite = context.getTestClass().map(Class::getName).orElse(context.getDisplayName());
            return ConditionEvaluationResult.disabled("SKIPPED " + suite + ": no Docker engine reachable (Testcontainers "
                    + "found none), so it does not run against LocalStack here; the same contracts ran against the local cloud");
        }
        return ConditionEvaluationResult.enabled("Docker engine found: running against " + IMAGE);
    }

    private CloudEndpoint endpoint;

    /** Runs only where the condition let the class run: starts the container on first use. */
    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class);
        LocalStackContainer container = running.container;
        endpoint = new CloudEndpoint("LocalStack " + IMAGE.getVersionPart(), container.getEndpoint(), container.getRegion(),
                container.getAccessKey(), container.getSecretKey());
    }

    public CloudEndpoint endpoint() {
        return endpoint;
    }

    private static boolean dockerAvailable(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("docker-available", k -> DockerClientFactory.instance().isDockerAvailable(), Boolean.class);
    }

    /** The container, closed by JUnit when the run ends. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final LocalStackContainer container = new LocalStackContainer(IMAGE).withServices(SERVICES.split(","));

        Running() {
            container.start();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
