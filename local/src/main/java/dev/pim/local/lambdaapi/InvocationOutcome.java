package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.lambda.InvocationResult;
import dev.pim.local.lambda.LambdaFunction;
import dev.pim.local.lambda.RuntimeErrors;
import dev.pim.local.server.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How one synchronous invocation ended, and the Invoke response that says so. A function that returned gets 200
 * with its response as the body; one that threw (or could not be created) gets 200 too, with
 * {@code X-Amz-Function-Error: Unhandled} and the Java runtime's error JSON as the body: the status code of Invoke
 * reflects Lambda's errors, never the function's.
 *
 * @param requestId the invocation's request id (the handler's {@code Context.getAwsRequestId()})
 */
record InvocationOutcome(LambdaFunction function, InvocationResult result, String requestId, Duration duration) {
    /** Lambda's limit on a synchronous response: 6 MB and a hundred bytes. */
    static final int RESPONSE_LIMIT = 6 * 1024 * 1024 + 100;
    /** {@code X-Amz-Log-Result} carries the last 4 KB of the execution log. */
    private static final int LOG_TAIL_BYTES = 4 * 1024;
    private static final String NULL_RESPONSE = "null";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The Invoke response; with {@code tail}, the end of the invocation's log in {@code X-Amz-Log-Result}. */
    HttpResponse response(boolean tail) {
        Optional<ObjectNode> error = errorJson();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Amz-Executed-Version", FunctionRef.LATEST);
        headers.put("x-amzn-RequestId", requestId);
        error.ifPresent(e -> headers.put("X-Amz-Function-Error", "Unhandled"));
        if (tail) {
            headers.put("X-Amz-Log-Result", logTail(error));
        }
        return new HttpResponse(200, headers, error.map(e -> e.toString().getBytes(StandardCharsets.UTF_8))
                .orElseGet(this::returned));
    }

    /** The runtime's error JSON when the function failed, as the body and the log show it. */
    Optional<ObjectNode> errorJson() {
        if (result instanceof InvocationResult.Threw threw) {
            return Optional.of(RuntimeErrors.errorJson(threw.error()));
        }
        byte[] response = ((InvocationResult.Returned) result).response();
        if (response != null && response.length > RESPONSE_LIMIT) {
            ObjectNode error = JSON.createObjectNode();
            error.put("errorMessage", "Response payload size exceeded maximum allowed payload size ("
                    + RESPONSE_LIMIT + " bytes).");
            error.put("errorType", "Function.ResponseSizeTooLarge");
            return Optional.of(error);
        }
        return Optional.empty();
    }

    private byte[] returned() {
        byte[] response = ((InvocationResult.Returned) result).response();
        // The Java runtime writes a handler's null result as JSON null.
        return response == null ? NULL_RESPONSE.getBytes(StandardCharsets.UTF_8) : response;
    }

    /** START, the error if any, END and REPORT, as the execution log has them; base64 of its last 4 KB. */
    private String logTail(Optional<ObjectNode> error) {
        StringBuilder log = new StringBuilder();
        log.append("START RequestId: ").append(requestId).append(" Version: ").append(FunctionRef.LATEST).append('\n');
        error.ifPresent(e -> log.append(e).append('\n'));
        log.append("END RequestId: ").append(requestId).append('\n');
        double millis = duration.toNanos() / 1e6;
        log.append("REPORT RequestId: ").append(requestId)
                .append(String.format(Locale.ROOT, "\tDuration: %.2f ms", millis))
                .append("\tBilled Duration: ").append((long) Math.ceil(millis)).append(" ms")
                .append("\tMemory Size: ").append(function.memoryMb()).append(" MB\t\n");
        byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
        byte[] last = bytes.length <= LOG_TAIL_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL_BYTES, bytes.length);
        return Base64.getEncoder().encodeToString(last);
    }
}
