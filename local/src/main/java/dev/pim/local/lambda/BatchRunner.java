package dev.pim.local.lambda;

import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One batch through the function, as Lambda's SQS poller runs it: the function is invoked with the batch's
 * event, then the messages that succeeded are deleted; the others are left alone, to become visible again when
 * their visibility timeout ends (and to move to the dead-letter queue after the queue's {@code maxReceiveCount}).
 */
final class BatchRunner {
    private final SqsQueue queue;
    private final SqsTrigger trigger;
    private final LambdaRegistry functions;
    private final LambdaEnvironment environment;
    private final String logPrefix;

    BatchRunner(SqsQueue queue, SqsTrigger trigger, LambdaRegistry functions, LambdaEnvironment environment,
                String mappingId) {
        this.queue = queue;
        this.trigger = trigger;
        this.functions = functions;
        this.environment = environment;
        this.logPrefix = "[sqs event source mapping " + mappingId + " -> " + trigger.functionName() + "] ";
    }

    /** What became of one batch. */
    record Outcome(List<Message> deleted, List<Message> failed) {
    }

    Outcome run(List<Message> batch) {
        List<String> ids = batch.stream().map(Message::messageId).toList();
        BatchVerdict verdict = BatchVerdict.of(ids, invoke(batch), trigger.reportBatchItemFailures());
        List<Message> succeeded = batch.stream().filter(m -> !verdict.failed().contains(m.messageId())).toList();
        List<Message> failed = batch.stream().filter(m -> verdict.failed().contains(m.messageId())).toList();
        // A delete whose receipt handle expired meanwhile (the function outran the visibility timeout) fails
        // quietly: the message comes back and is processed again, as on Lambda.
        queue.delete(succeeded);
        if (!failed.isEmpty()) {
            System.err.println(logPrefix + failed.size() + " of " + batch.size() + " message(s) failed and stay in "
                    + queue.url() + ": " + verdict.reason());
        }
        return new Outcome(succeeded, failed);
    }

    private InvocationResult invoke(List<Message> batch) {
        LambdaFunction function = functions.find(trigger.functionName()).orElse(null);
        if (function == null) {
            return new InvocationResult.Threw(new IllegalStateException("function " + trigger.functionName()
                    + " is no longer registered"));
        }
        byte[] event = SqsEventRecords.event(batch, queue).toString().getBytes(StandardCharsets.UTF_8);
        return HandlerInvoker.invoke(functions, function, environment, queue.region(), event,
                new LocalLambdaContext(function, arnOf(function), function.timeout()));
    }

    private String arnOf(LambdaFunction function) {
        return function.arn() != null ? function.arn()
                : "arn:aws:lambda:" + queue.region() + ":" + queue.accountId() + ":function:" + function.name();
    }
}
