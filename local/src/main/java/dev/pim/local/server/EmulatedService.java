package dev.pim.local.server;

/** One emulated API, in its own wire protocol. */
public interface EmulatedService {

    /**
     * Recognises the operation a request asks for. Must not touch the state (it runs before the lock
     * is taken); throws {@link ApiError} for requests that name no valid operation.
     */
    Operation route(HttpRequest request);

    /** Renders an error the way this service does on the wire. */
    HttpResponse render(ApiError error, HttpRequest request);
}
