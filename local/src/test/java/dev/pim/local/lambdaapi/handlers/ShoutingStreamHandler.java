package dev.pim.local.lambdaapi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A stream handler: writes back the event's bytes, upper-cased. */
public final class ShoutingStreamHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        out.write(event.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
