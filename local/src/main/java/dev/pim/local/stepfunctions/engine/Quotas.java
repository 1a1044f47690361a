package dev.pim.local.stepfunctions.engine;

/**
 * Step Functions' hard quotas (Standard workflows) that the engine enforces. {@link #aws()} gives AWS's numbers;
 * tests may choose smaller ones to reach a limit cheaply.
 *
 * @param maxHistoryEvents          events in one execution's history; event number {@code maxHistoryEvents} may
 *                                  only be ExecutionSucceeded, anything else fails the execution (AWS: 25,000; a
 *                                  distributed Map's child executions count on their own)
 * @param maxPayloadBytes           UTF-8 bytes of a state's effective input, a task's result, a state's output, an
 *                                  execution's input or output, a distributed Map batch (AWS: 262,144)
 * @param maxInlineMapConcurrency   inline Map iterations running at once, whatever MaxConcurrency says (AWS: 40)
 * @param maxDistributedConcurrency distributed Map child executions running at once (AWS: 10,000, also the value
 *                                  of MaxConcurrency 0 or absent)
 * @param maxLambdaRequestBytes     a synchronous Lambda invocation's payload (AWS: 6 MB, 6,291,456 bytes)
 * @param maxLambdaResponseBytes    a synchronous Lambda invocation's response (AWS: 6,291,556 bytes, the number
 *                                  the Lambda runtime names when it refuses a larger one)
 */
public record Quotas(int maxHistoryEvents, int maxPayloadBytes, int maxInlineMapConcurrency,
                     int maxDistributedConcurrency, int maxLambdaRequestBytes, int maxLambdaResponseBytes) {

    public Quotas {
        positive("maxHistoryEvents", maxHistoryEvents);
        positive("maxPayloadBytes", maxPayloadBytes);
        positive("maxInlineMapConcurrency", maxInlineMapConcurrency);
        positive("maxDistributedConcurrency", maxDistributedConcurrency);
        positive("maxLambdaRequestBytes", maxLambdaRequestBytes);
        positive("maxLambdaResponseBytes", maxLambdaResponseBytes);
    }

    public static Quotas aws() {
        return new Quotas(25_000, 262_144, 40, 10_000, 6_291_456, 6_291_556);
    }

    public Quotas withMaxHistoryEvents(int events) {
        return new Quotas(events, maxPayloadBytes, maxInlineMapConcurrency, maxDistributedConcurrency,
                maxLambdaRequestBytes, maxLambdaResponseBytes);
    }

    public Quotas withMaxPayloadBytes(int bytes) {
        return new Quotas(maxHistoryEvents, bytes, maxInlineMapConcurrency, maxDistributedConcurrency,
                maxLambdaRequestBytes, maxLambdaResponseBytes);
    }

    public Quotas withMaxDistributedConcurrency(int children) {
        return new Quotas(maxHistoryEvents, maxPayloadBytes, maxInlineMapConcurrency, children,
                maxLambdaRequestBytes, maxLambdaResponseBytes);
    }

    public Quotas withMaxLambdaPayloadBytes(int request, int response) {
        return new Quotas(maxHistoryEvents, maxPayloadBytes, maxInlineMapConcurrency, maxDistributedConcurrency,
                request, response);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
