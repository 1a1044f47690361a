package dev.pim.local.stepfunctions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Sleeps for {@code millis} milliseconds of real time, then answers "awake". */
public final class SleepingHandler implements RequestHandler<Map<String, Number>, String> {
    @Override
    public String handleRequest(Map<String, Number> input, Context context) {
        try {
            Thread.sleep(input.get("millis").longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return "awake";
    }
}
