package dev.pim.integration.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pim.handler.JsonHandler;

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
        handler.handleRequest(new ByteArrayInputStream(event.getBytes()), out,
                new TestContext(handler.getClass().getSimpleName()));
        try {
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
