package dev.pim.local.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the event's JSON as it came, and answers nothing. */
public final class RawEventHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Deliveries.rawEvent(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    }
}
