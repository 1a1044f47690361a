package dev.pim.app;

import dev.pim.aws.AwsClients;

/**
 * The execution environment of a function on Lambda, built at its first use from the runtime's environment
 * variables. The one static state of the product: the Lambda runtime constructs a handler with no arguments, so
 * the handler finds its environment here, and keeps it across the invocations of its execution environment.
 * Local runs do not come here: they give each handler its environment ({@code new XHandler(() -> env)}).
 */
public final class LambdaRuntime {
    private static volatile ExecutionEnvironment current;

    private LambdaRuntime() {
    }

    public static ExecutionEnvironment environment() {
        ExecutionEnvironment env = current;
        if (env == null) {
            synchronized (LambdaRuntime.class) {
                env = current;
                if (env == null) {
                    env = Wiring.environment(FunctionSettings.fromVariables(LambdaRuntime::variable));
                    current = env;
                }
            }
        }
        return env;
    }

    /**
     * A variable of the function's environment. The AWS SDK's own system properties stand in for the region and
     * the endpoint, as the SDK itself reads them (the local Step Functions sets them for handlers it creates by
     * class name).
     */
    private static String variable(String name) {
        return switch (name) {
            case "AWS_REGION" -> System.getenv("AWS_REGION") != null ? System.getenv("AWS_REGION") : System.getProperty("aws.region");
            case "AWS_ENDPOINT_URL" -> AwsClients.endpointFromEnvironment().map(Object::toString).orElse(null);
            default -> System.getenv(name);
        };
    }
}
