package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Step Functions' payload quota (262,144 bytes of UTF-8 by default) on a state's effective input, a task's
 * result and a state's output. Past it the state fails with States.DataLimitExceeded, which no Retry or Catch
 * handles (ErrorNames treats it as terminal, as the docs say States.ALL does not catch it). Every size measured
 * is reported to the execution, which keeps the largest.
 */
final class PayloadLimit {
    private PayloadLimit() {
    }

    /** A state's output, or a task's result: AWS's own words for both. */
    static void checkResult(StateVisit visit, JsonNode payload) {
        checkResult(visit, utf8Bytes(payload));
    }

    /** The same, for a payload already measured (a state's output, printed once for its history event too). */
    static void checkResult(StateVisit visit, long bytes) {
        visit.run().payloadSeen(bytes);
        if (bytes > visit.run().quotas().maxPayloadBytes()) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + visit.state().name()
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /**
     * A state's input after Parameters or ItemSelector. AWS documents the error but not its cause text for this
     * case; this one follows the wording of the result case.
     */
    static void checkInput(StateVisit visit, JsonNode payload) {
        if (measure(visit.run(), payload) > visit.run().quotas().maxPayloadBytes()) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + visit.state().name()
                    + "' has an input with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /** The execution's own input, held to the quota like a state's (StartExecution refuses larger ones first). */
    static void checkExecutionInput(ExecutionRun run, JsonNode input) {
        if (measure(run, input) > run.quotas().maxPayloadBytes()) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED,
                    "The execution input has a size exceeding the maximum number of bytes service limit.");
        }
    }

    /** UTF-8 bytes of the payload as JSON text, noted as the execution's largest if it is. */
    static long measure(ExecutionRun run, JsonNode payload) {
        long bytes = utf8Bytes(payload);
        run.payloadSeen(bytes);
        return bytes;
    }

    /** Counts the bytes Jackson writes (UTF-8 by default) without building the text. */
    static long utf8Bytes(JsonNode payload) {
        ByteCounter counter = new ByteCounter();
        try {
            Json.mapper().writeValue(counter, payload);
        } catch (IOException e) {
            throw new IllegalStateException("cannot measure a JSON payload", e);
        }
        return counter.count;
    }

    /** UTF-8 bytes of a text, without encoding it. */
    static long utf8Bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
