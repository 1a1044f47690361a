package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pim.local.server.HttpRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An Invoke request (rest-json: the function in the path, {@code X-Amz-Invocation-Type} and {@code X-Amz-Log-Type}
 * headers, the payload as the body), checked as Lambda checks it before anything runs.
 *
 * @param payload the body as sent
 */
record InvokeRequest(FunctionRef function, InvocationType type, boolean tail, byte[] payload) {
    /** What a function gets when invoked without a payload. */
    private static final String EMPTY_EVENT = "{}";
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().readerFor(JsonNode.class);

    /** How the caller wants the function run, and the most payload each way takes (the model's documentation). */
    enum InvocationType {
        REQUEST_RESPONSE("RequestResponse", 6 * 1024 * 1024),
        EVENT("Event", 1024 * 1024),
        DRY_RUN("DryRun", 6 * 1024 * 1024);

        final String wireName;
        final int payloadLimit;

        InvocationType(String wireName, int payloadLimit) {
            this.wireName = wireName;
            this.payloadLimit = payloadLimit;
        }

        static InvocationType of(String header) {
            if (header == null) {
                return REQUEST_RESPONSE;
            }
            return Arrays.stream(values()).filter(t -> t.wireName.equals(header)).findFirst().orElseThrow(() ->
                    LambdaErrors.validation("invocationType", header,
                            "Member must satisfy enum value set: [Event, RequestResponse, DryRun]"));
        }
    }

    /**
     * @throws dev.pim.local.server.ApiError ValidationException for a header or name the model does not allow,
     *                                       413 RequestTooLargeException for a payload over the invocation type's limit
     */
    static InvokeRequest parse(HttpRequest request, String functionName) {
        InvocationType type = InvocationType.of(request.header("x-amz-invocation-type"));
        boolean tail = tail(request.header("x-amz-log-type"));
        FunctionRef function = FunctionRef.parse(functionName, request.queryParam("Qualifier"));
        if (request.body().length > type.payloadLimit) {
            throw LambdaErrors.requestTooLarge(type.payloadLimit);
        }
        return new InvokeRequest(function, type, tail, request.body());
    }

    private static boolean tail(String logType) {
        if (logType == null || logType.equals("None")) {
            return false;
        }
        if (logType.equals("Tail")) {
            return true;
        }
        throw LambdaErrors.validation("logType", logType, "Member must satisfy enum value set: [None, Tail]");
    }

    /**
     * The event the function gets: the payload's bytes as sent, or {@code {}} when there is none.
     *
     * @throws dev.pim.local.server.ApiError 400 InvalidRequestContentException when the payload is not one JSON value
     */
    byte[] event() {
        if (payload.length == 0) {
            return EMPTY_EVENT.getBytes(StandardCharsets.UTF_8);
        }
        try {
            JSON.readValue(payload);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: Could not parse payload "
                    + "into json: " + e.getOriginalMessage() + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw LambdaErrors.invalidRequestContent("Could not parse request body into json: " + e.getMessage());
        }
        return payload;
    }
}
