/**
 * Lambda's SQS trigger for in-process handlers: {@link dev.pim.local.lambda.EventSourceMappings} (the local
 * cloud's {@code eventSourceMappings()}) maps a queue to a function registered with the local Step Functions, and
 * each {@link dev.pim.local.lambda.SqsEventSourceMapping} polls it as Lambda does: batches of up to
 * {@code BatchSize} gathered for up to {@code MaximumBatchingWindow}, an {@code SQSEvent} to the handler, the
 * messages that succeeded deleted (with {@code ReportBatchItemFailures}: all but the reported ones), the others
 * left to come back after their visibility timeout and, after the queue's {@code maxReceiveCount}, to move to its
 * dead-letter queue. {@code start()}/{@code stop()} poll in the background; {@code drain(timeout)} runs the
 * batches on the caller's thread until the queue is settled, moving the emulator's clock instead of sleeping.
 */
package dev.pim.local.lambda;
