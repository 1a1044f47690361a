package dev.pim.local.kubernetes;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.List;
import java.util.Map;

/**
 * Renders failures as the {@code Status} objects an API server sends, including the emulator's faults:
 * throttling as API Priority and Fairness does (429 with {@code Retry-After}), injected failures as internal
 * errors, and a simulated crash as a 400 that no client retries.
 */
final class StatusRenderer {
    static final int RETRY_AFTER_SECONDS = 1;

    private StatusRenderer() {
    }

    static HttpResponse render(ApiError error) {
        return switch (error.kind()) {
            case SERVICE -> service(error);
            case THROTTLED -> respond(status(429, "TooManyRequests", "Too many requests, please try again later.",
                    new StatusDetails(null, null, null, null, RETRY_AFTER_SECONDS, null)))
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            case INJECTED -> injected(error);
            case CRASHED -> respond(status(400, "EmulatedCrash", error.getMessage(), null));
        };
    }

    private static HttpResponse service(ApiError error) {
        HttpResponse response = respond(status(error.status(), error.code(), error.getMessage(), details(error.fields())));
        Object authFailure = error.fields().get(StatusErrors.AUTH_FAILURE);
        // Real API servers keep the cause of a 401 in their logs; the emulator tells it in a header of its own.
        return authFailure == null ? response : response.withHeader("X-Pim-Auth-Failure", authFailure.toString());
    }

    private static HttpResponse injected(ApiError error) {
        if (error.code() == null) {
            return respond(status(error.status() == 0 ? 500 : error.status(), "InternalError",
                    "Internal error occurred: " + error.getMessage(),
                    new StatusDetails(List.of(new StatusCause(null, error.getMessage(), null)), null, null, null, null, null)));
        }
        return respond(status(error.status() == 0 ? 500 : error.status(), error.code(), error.getMessage(), null));
    }

    private static StatusDetails details(Map<String, Object> fields) {
        List<StatusCause> causes = null;
        if (fields.get("causes") instanceof List<?> list) {
            causes = list.stream().map(StatusErrors.Cause.class::cast)
                    .map(c -> new StatusCause(c.field(), c.message(), c.reason())).toList();
        }
        String name = (String) fields.get("name");
        String group = (String) fields.get("group");
        String kind = (String) fields.get("kind");
        if (causes == null && name == null && group == null && kind == null) {
            return null;
        }
        return new StatusDetails(causes, group, kind, name, null, null);
    }

    private static Status status(int code, String reason, String message, StatusDetails details) {
        Status status = new Status();
        status.setMetadata(new ListMeta());
        status.setStatus("Failure");
        status.setMessage(message);
        status.setReason(reason);
        status.setDetails(details);
        status.setCode(code);
        return status;
    }

    private static HttpResponse respond(Status status) {
        return HttpResponse.json(status.getCode(), Serialization.asJson(status));
    }
}
