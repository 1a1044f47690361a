package dev.pim.local.server;

/**
 * The answer to a call must not reach its caller at all (a lost-response fault): {@link LocalCloudServer#serve}
 * throws it after the call was applied, and the server closes the connection without a byte of response.
 */
public final class DroppedConnection extends RuntimeException {

    public DroppedConnection(String operationKey) {
        super("injected: " + operationKey + " was applied but the connection dropped before its response");
    }
}
