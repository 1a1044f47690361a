package dev.pim.local.dynamodb;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;

/**
 * DynamoDB's errors on the wire (JSON 1.0): status 400, or 500 for {@code InternalServerError}, and a body
 * {@code {"__type": "com.amazonaws.dynamodb.v20120810#<Code>", "message": ...}}; the SDKs read the code after
 * the {@code #}.
 */
final class DynamoDbErrors {
    static final String INTERNAL_SERVER_ERROR = "InternalServerError";
    private static final String NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbErrors() {
    }

    /** Renders any error, including the fault injector's throttling, injected failures and crashes. */
    static HttpResponse render(ApiError error) {
        return switch (error.kind()) {
            case THROTTLED -> body(400, NAMESPACE + "ThrottlingException", error.getMessage());
            case CRASHED -> body(400, "EmulatedCrash", error.getMessage());
            // An injected fault without a code is DynamoDB's own internal error.
            case INJECTED, SERVICE -> {
                String code = error.code() != null ? error.code() : INTERNAL_SERVER_ERROR;
                yield body(error.status() != 0 ? error.status() : defaultStatus(code), qualified(code), error.getMessage());
            }
        };
    }

    private static int defaultStatus(String code) {
        return INTERNAL_SERVER_ERROR.equals(code) ? 500 : 400;
    }

    private static String qualified(String code) {
        return code.contains("#") ? code : NAMESPACE + code;
    }

    private static HttpResponse body(int status, String type, String message) {
        String json = JSON.createObjectNode().put("__type", type).put("message", message).toString();
        return HttpResponse.of(status, "application/x-amz-json-1.0", json);
    }
}
