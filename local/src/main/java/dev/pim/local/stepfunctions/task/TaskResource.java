package dev.pim.local.stepfunctions.task;

/**
 * What a Task state's Resource names: a Lambda function called directly ({@code arn:aws:lambda:...:function:F})
 * or the optimized integration {@code arn:aws:states:::lambda:invoke}; the parser refuses any other. The history
 * records the two differently: LambdaFunction* events for the first, Task* events for the second.
 */
public record TaskResource(String arn, boolean lambdaFunction) {
    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    public static TaskResource parse(String arn) {
        return new TaskResource(arn, !arn.equals(LAMBDA_INVOKE));
    }

    /** For functions the function ARN; for the integration its action, {@code invoke}. */
    public String resource() {
        return lambdaFunction ? arn : "invoke";
    }
}
