/**
 * The local Lambda runtime, one for every way a function is invoked. {@link dev.pim.local.lambda.LambdaRegistry}
 * says which handler class implements which function (the local Step Functions' {@code lambdas()}; one instance per
 * function, created at its first invocation); {@link dev.pim.local.lambda.HandlerInvoker} calls a handler as the
 * Java runtime does (its serializers, a {@link dev.pim.local.lambda.LocalLambdaContext}, the runtime's error JSON
 * from {@link dev.pim.local.lambda.RuntimeErrors}). Functions are invoked by Step Functions tasks
 * ({@link dev.pim.local.lambda.LambdaTaskInvoker}, the engine's {@code TaskInvoker}), by the Lambda API's Invoke
 * ({@code dev.pim.local.lambdaapi}), and by Lambda's SQS trigger.
 *
 * <p>The SQS trigger: {@link dev.pim.local.lambda.EventSourceMappings} (the local cloud's
 * {@code eventSourceMappings()}) maps a queue to a registered function, and each
 * {@link dev.pim.local.lambda.SqsEventSourceMapping} polls it as Lambda does: batches of up to
 * {@code BatchSize} gathered for up to {@code MaximumBatchingWindow}, an {@code SQSEvent} to the handler, the
 * messages that succeeded deleted (with {@code ReportBatchItemFailures}: all but the reported ones), the others
 * left to come back after their visibility timeout and, after the queue's {@code maxReceiveCount}, to move to its
 * dead-letter queue. {@code start()}/{@code stop()} poll in the background; {@code drain(timeout)} runs the
 * batches on the caller's thread until the queue is settled, moving the emulator's clock instead of sleeping.
 */
package dev.pim.local.lambda;
