package dev.pim.local.iam.query;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;

import java.util.Set;
import java.util.UUID;

/**
 * The AWS query protocol's answers for one service (its XML namespace): success envelopes
 * ({@code <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>...}) and error envelopes, with the
 * emulator's injected faults rendered the way the service itself fails.
 *
 * @param version           the API version the service answers ({@code 2010-05-08} for IAM)
 * @param internalErrorCode what the service calls its own failure ({@code ServiceFailure} for IAM)
 */
public record QueryProtocol(String namespace, String version, String internalErrorCode) {

    /** The operation a request names, if the service offers it. */
    public String action(QueryParams params, Set<String> offered) {
        String action = params.optional("Action")
                .orElseThrow(() -> ApiError.of("MissingAction", 400, "Missing Action"));
        if (!offered.contains(action)) {
            throw ApiError.of("InvalidAction", 400, "Could not find operation " + action + " for version " + version);
        }
        return action;
    }

    public HttpResponse success(String action, QueryResult result) {
        XmlOut out = new XmlOut().root(action + "Response", namespace);
        if (result.hasBody()) {
            out.start(action + "Result");
            result.body().accept(out);
            out.end();
        }
        String requestId = UUID.randomUUID().toString();
        out.start("ResponseMetadata").text("RequestId", requestId).end();
        return HttpResponse.xml(200, out.end().finish()).withHeader("x-amzn-RequestId", requestId);
    }

    /**
     * Renders an error: a service's own error as it is; throttling as AWS query services throttle (400
     * {@code Throttling}); an injected failure with the rule's code and status, or the service's internal
     * failure when the rule names none; a simulated crash as a non-retryable 400 {@code EmulatedCrash}.
     */
    public HttpResponse error(ApiError error) {
        return switch (error.kind()) {
            case SERVICE -> error(error.status(), error.code(), error.getMessage());
            case THROTTLED -> error(400, "Throttling", "Rate exceeded");
            case INJECTED -> error.code() == null
                    ? error(statusOr(error.status(), 500), internalErrorCode, error.getMessage())
                    : error(statusOr(error.status(), 500), error.code(), error.getMessage());
            case CRASHED -> error(400, "EmulatedCrash", error.getMessage());
        };
    }

    private HttpResponse error(int status, String code, String message) {
        String requestId = UUID.randomUUID().toString();
        XmlOut out = new XmlOut().root("ErrorResponse", namespace)
                .start("Error")
                .text("Type", status >= 500 ? "Receiver" : "Sender")
                .text("Code", code)
                .text("Message", message)
                .end()
                .text("RequestId", requestId);
        return HttpResponse.xml(status, out.end().finish()).withHeader("x-amzn-RequestId", requestId);
    }

    private static int statusOr(int status, int fallback) {
        return status == 0 ? fallback : status;
    }
}
