package dev.pim.local.lambdaapi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Always fails, with a cause, as a handler whose downstream call failed does. */
public final class FailingHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        throw new IllegalStateException("cannot scan the fleet",
                new UncheckedIOException(new IOException("connection refused")));
    }
}
