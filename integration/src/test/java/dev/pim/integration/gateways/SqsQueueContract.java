package dev.pim.integration.gateways;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.aws.SqsQueue;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet's queues, through {@link SqsQueue}: one body, run on each endpoint. */
abstract class SqsQueueContract extends GatewayContract {

    @Test
    void sendsEachReportAsOneJsonMessage() throws Exception {
        String url = clients.sqs().createQueue(r -> r.queueName(unique("ResultsQueue"))).queueUrl();
        SqsQueue results = new SqsQueue(clients.sqs(), url, CloudEndpoint.quickBackoff());

        results.publish(Map.of("runId", "20261122T225815Z-2535", "status", "SUCCEEDED"));
        results.sendJson(Map.of("runId", "20261122T225835Z-wybw", "status", "PARTIAL"));

        List<Message> received = clients.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        ObjectMapper json = new ObjectMapper();
        assertThat(received).hasSize(2);
        assertThat(received.stream().map(m -> read(json, m.body()).get("status")).toList())
                .containsExactlyInAnyOrder("SUCCEEDED", "PARTIAL");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(ObjectMapper json, String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
