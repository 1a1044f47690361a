package dev.pim.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which messages of a batch failed, as Lambda decides from an invocation. A function that threw failed the whole
 * batch. Without {@code ReportBatchItemFailures} a function that returned succeeded for every message. With it,
 * the response lists the failures as {@code {"batchItemFailures": [{"itemIdentifier": "<messageId>"}]}}; a null
 * or empty response or list means none failed; a response that is not such an object, or an entry whose
 * itemIdentifier is missing, empty or not a message of the batch, fails the whole batch.
 *
 * @param failed the message ids that failed (they stay in the queue)
 * @param reason why, for the log; empty when none failed
 */
record BatchVerdict(Set<String> failed, String reason) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static BatchVerdict of(List<String> messageIds, InvocationResult result, boolean reportBatchItemFailures) {
        if (result instanceof InvocationResult.Threw threw) {
            return wholeBatch(messageIds, "the function failed: " + threw.error());
        }
        if (!reportBatchItemFailures) {
            return new BatchVerdict(Set.of(), "");
        }
        byte[] response = ((InvocationResult.Returned) result).response();
        JsonNode parsed;
        try {
            parsed = response == null || response.length == 0 ? null : JSON.readTree(response);
        } catch (JsonProcessingException e) {
            return wholeBatch(messageIds, "the response is not JSON: " + HandlerInvoker.text(response));
        } catch (IOException e) {
            return wholeBatch(messageIds, "the response cannot be read: " + e);
        }
        return fromResponse(messageIds, parsed);
    }

    private static BatchVerdict fromResponse(List<String> messageIds, JsonNode response) {
        if (response == null || response.isNull()) {
            return new BatchVerdict(Set.of(), "");
        }
        if (!response.isObject()) {
            return wholeBatch(messageIds, "the response is not a batch response object: " + response);
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return new BatchVerdict(Set.of(), "");
        }
        if (!failures.isArray()) {
            return wholeBatch(messageIds, "batchItemFailures is not a list: " + failures);
        }
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.textValue().isEmpty() || !messageIds.contains(id.textValue())) {
                return wholeBatch(messageIds, "batchItemFailures names no message of this batch: " + failure);
            }
            failed.add(id.textValue());
        }
        return new BatchVerdict(Set.copyOf(failed), failed.isEmpty() ? "" : "the function reported " + failed);
    }

    private static BatchVerdict wholeBatch(List<String> messageIds, String reason) {
        return new BatchVerdict(Set.copyOf(messageIds), reason);
    }
}
