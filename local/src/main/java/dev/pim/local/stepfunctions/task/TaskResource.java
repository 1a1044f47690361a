package dev.pim.local.stepfunctions.task;

import java.util.Optional;

/**
 * What a Task state's Resource names: a Lambda function called directly ({@code arn:aws:lambda:...:function:F})
 * or a service integration ({@code arn:aws:states:::lambda:invoke}, {@code arn:aws:states:::aws-sdk:s3:getObject}).
 * The history records the two differently: LambdaFunction* events for the first, Task* events for the second.
 *
 * @param resourceType for integrations, the service part ({@code lambda}); for functions, {@code lambda}
 * @param resource     for integrations, the action ({@code invoke}, {@code startExecution.sync}); for functions,
 *                     the function ARN
 */
public record TaskResource(String arn, boolean lambdaFunction, String resourceType, String resource) {
    private static final String INTEGRATION_PREFIX = "arn:aws:states:::";

    public static TaskResource parse(String arn) {
        if (arn.startsWith(INTEGRATION_PREFIX)) {
            String rest = arn.substring(INTEGRATION_PREFIX.length());
            int colon = rest.lastIndexOf(':');
            return colon < 0 ? new TaskResource(arn, false, rest, rest)
                    : new TaskResource(arn, false, rest.substring(0, colon), rest.substring(colon + 1));
        }
        boolean function = arn.matches("arn:aws[a-z-]*:lambda:[^:]+:\\d{12}:function:.+");
        return new TaskResource(arn, function, function ? "lambda" : "activity", arn);
    }

    /** The region an ARN names, if it names one ({@code arn:aws:lambda:us-west-2:...}). */
    public Optional<String> region() {
        String[] parts = arn.split(":", 6);
        return parts.length > 3 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
    }

    public boolean isLambdaInvoke() {
        return !lambdaFunction && resourceType.equals("lambda") && resource.equals("invoke");
    }
}
