package dev.pim.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.fleet.MigrationQueue;
import dev.pim.fleet.MigrationRequest;
import dev.pim.fleet.Results;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;

/** A queue the pipeline writes to: migration requests, or execution reports on the results queue. */
public final class SqsQueue implements MigrationQueue, Results {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SqsClient sqs;
    private final String queueUrl;
    private final Backoff backoff;

    public SqsQueue(SqsClient sqs, String queueUrl, Backoff backoff) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = backoff;
    }

    @Override
    public void send(MigrationRequest request) {
        sendJson(request);
    }

    @Override
    public void sendLater(MigrationRequest request, Duration delay) {
        String text = json(request);
        backoff.run(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(text).delaySeconds((int) delay.toSeconds())));
    }

    @Override
    public void publish(Object report) {
        sendJson(report);
    }

    public void sendJson(Object body) {
        String text = json(body);
        backoff.run(() -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(text)));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the message as JSON", e);
        }
    }
}
