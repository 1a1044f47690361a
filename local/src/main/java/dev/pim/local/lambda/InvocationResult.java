package dev.pim.local.lambda;

/** How one invocation of a function ended: it returned (its response, as the runtime serialized it), or it threw. */
public sealed interface InvocationResult {

    /** @param response the response's JSON bytes ({@code null} for a null response) */
    record Returned(byte[] response) implements InvocationResult {
    }

    /** The handler threw, or could not be created, or its input or output could not be (de)serialized. */
    record Threw(Throwable error) implements InvocationResult {
    }
}
