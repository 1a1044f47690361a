package dev.pim.local.stepfunctions.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.pim.local.stepfunctions.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Calls a handler object the way the Lambda Java runtime does: a {@link RequestStreamHandler} gets the event's
 * JSON bytes and writes its response; a {@link RequestHandler} gets the event converted to its input type (read
 * from its generic signature) and its output is serialized back to JSON. Like the runtime's serializer, unknown
 * JSON properties are ignored.
 */
final class JavaHandlerAdapter {
    private static final ObjectMapper HANDLER_JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JavaHandlerAdapter() {
    }

    /**
     * @throws HandlerException what the handler threw, or the runtime's error when the event does not fit the
     *                          handler's input type
     */
    static JsonNode invoke(Object handler, JsonNode event, Context context) throws HandlerException {
        if (handler instanceof RequestStreamHandler stream) {
            return invokeStream(stream, event, context);
        }
        if (handler instanceof RequestHandler<?, ?> typed) {
            return invokeTyped(typed, event, context);
        }
        throw new HandlerException(new IllegalStateException("Class " + handler.getClass().getName()
                + " does not implement RequestHandler or RequestStreamHandler"));
    }

    private static JsonNode invokeStream(RequestStreamHandler handler, JsonNode event, Context context)
            throws HandlerException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException | RuntimeException | Error e) {
            throw new HandlerException(e);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            // Lambda returns whatever bytes the handler wrote; Step Functions then fails on the non-JSON output.
            throw new HandlerException(new IllegalStateException("the handler's output is not JSON: " + e.getMessage()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JsonNode invokeTyped(RequestHandler handler, JsonNode event, Context context) throws HandlerException {
        JavaType[] types = HANDLER_JSON.getTypeFactory().constructType(handler.getClass())
                .findTypeParameters(RequestHandler.class);
        JavaType inputType = types.length == 2 ? types[0] : HANDLER_JSON.getTypeFactory().constructType(Object.class);
        Object input;
        try {
            input = event == null || event.isNull() ? null : HANDLER_JSON.convertValue(event, inputType);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(new RuntimeException("An error occurred during JSON parsing", e));
        }
        Object output;
        try {
            output = handler.handleRequest(input, context);
        } catch (RuntimeException | Error e) {
            throw new HandlerException(e);
        }
        try {
            return output == null ? NullNode.getInstance() : HANDLER_JSON.valueToTree(output);
        } catch (IllegalArgumentException e) {
            throw new HandlerException(new RuntimeException("An error occurred during JSON serialization of response", e));
        }
    }

    /** What went wrong inside the function, as the runtime reports it. */
    static final class HandlerException extends Exception {
        HandlerException(Throwable thrown) {
            super(thrown);
        }

        Throwable thrown() {
            return getCause();
        }
    }
}
