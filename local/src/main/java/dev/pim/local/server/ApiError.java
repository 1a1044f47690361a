package dev.pim.local.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer. Services throw it from their handlers and render it in their own wire format
 * ({@link EmulatedService#render}); the fault injector throws it with a {@link Kind} so that each service
 * can answer throttling, injected failures and crashes the way the real service would.
 */
public final class ApiError extends RuntimeException {

    public enum Kind {
        /** A request the service rejects: code, status and message are the service's own. */
        SERVICE,
        /** The caller exceeded a rate limit. */
        THROTTLED,
        /** A fault injected by a test; code and status may be null to mean "the service's internal error". */
        INJECTED,
        /** The emulator is simulating a crash of its client: every call fails until reset. */
        CRASHED
    }

    private final Kind kind;
    private final String code;
    private final int status;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public ApiError(Kind kind, String code, int status, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.status = status;
    }

    public static ApiError of(String code, int status, String message) {
        return new ApiError(Kind.SERVICE, code, status, message);
    }

    /** Adds an extra member to the error body (EKS errors carry clusterName, addonName...). */
    public ApiError with(String field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
