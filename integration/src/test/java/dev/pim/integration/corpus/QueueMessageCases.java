package dev.pim.integration.corpus;

import dev.pim.cli.pipeline.LocalFleet;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.handler.DispatchHandler;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.lambda.DrainResult;
import dev.pim.local.lambda.SqsEventSourceMapping;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sqs-messages.yaml}: each body sent to the fleet's migration queue, as a person or another system would
 * send it, and consumed by the dispatcher function on its SQS trigger (the template's batch size and
 * {@code ReportBatchItemFailures}). A malformed request is refused on every receive with its reason in the logs,
 * lands in the dead-letter queue after the queue's three receives, and starts no execution.
 */
final class QueueMessageCases {
    private static final int RECEIVES = 3;
    private final LocalCloud cloud;

    QueueMessageCases(LocalCloud cloud) {
        this.cloud = cloud;
    }

    void run(BadInputCase c) {
        Fixture fixture = FixtureLoader.load(c.required("fixture"));
        cloud.reset(fixture);
        LocalPipeline pipeline = new LocalPipeline(cloud, "us-west-2", "111122223333");
        pipeline.deploy();
        LocalFleet fleet = new LocalFleet(cloud, pipeline, "us-west-2");
        try (SqsClient sqs = fleet.sqsClient(); SfnClient sfn = pipeline.sfnClient()) {
            fleet.deploy(LocalFleet.Settings.of(fixture, 5, false));
            String queue = fleet.queueUrl(LocalFleet.MIGRATION_QUEUE);
            // The queue's own traffic (send, receive, delete, visibility) carries the message; nothing else may write.
            Untouched untouched = Untouched.now(cloud, op -> op.startsWith("sqs:"));
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(c.required("body")));

            DrainResult drained;
            List<String> logged;
            try (LogLines log = LogLines.of(DispatchHandler.class)) {
                drained = dispatcher(fleet).drain(Duration.ofMinutes(1));
                logged = log.lines().stream().filter(l -> l.contains("malformed")).toList();
            }

            assertThat(drained.failedDeliveries()).as("refused on every receive").isEqualTo(RECEIVES);
            assertThat(logged).as("the dispatcher's log").hasSize(RECEIVES)
                    .allSatisfy(line -> assertThat(line).contains(c.fragments("reason")));
            List<String> dead = sqs.receiveMessage(r -> r.queueUrl(fleet.queueUrl(LocalFleet.MIGRATION_DEAD_LETTER_QUEUE))
                    .maxNumberOfMessages(10)).messages().stream().map(Message::body).toList();
            assertThat(dead).as("the dead-letter queue").containsExactly(c.required("body"));
            assertThat(sfn.listExecutions(r -> r.stateMachineArn(pipeline.stateMachineArn())).executions())
                    .as("executions started").isEmpty();
            untouched.assertUntouched();
        } finally {
            fleet.close();
        }
    }

    private static SqsEventSourceMapping dispatcher(LocalFleet fleet) {
        return fleet.mappings().stream().filter(m -> m.trigger().functionName().endsWith(":DispatchFunction"))
                .findFirst().orElseThrow();
    }
}
