package dev.pim.integration.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pim.handler.JsonHandler;
import dev.pim.local.lambda.LambdaFunction;
import dev.pim.local.lambda.LocalLambdaContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Invokes handlers the way the Lambda Java runtime does: JSON bytes in, JSON bytes out. */
final class Handlers {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private Handlers() {
    }

    static JsonNode invoke(JsonHandler<?, ?> handler, Object event) {
        try {
            return invokeRaw(handler, JSON.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode invokeRaw(JsonHandler<?, ?> handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes()), out, context(handler));
        try {
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The context the local cloud's Lambda gives, for a function named after the handler class. */
    private static Context context(JsonHandler<?, ?> handler) {
        String name = handler.getClass().getSimpleName();
        LambdaFunction function = new LambdaFunction(name, "arn:aws:lambda:us-west-2:111122223333:function:" + name,
                handler.getClass().getName(), LambdaFunction.DEFAULT_TIMEOUT, LambdaFunction.DEFAULT_MEMORY_MB);
        return new LocalLambdaContext(function, function.arn(), function.timeout());
    }
}
