package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;

import java.util.Map;

/**
 * EKS's errors: the exceptions of the 2017-11-01 model with their HTTP statuses, and how they go on the wire
 * (header {@code x-amzn-ErrorType}, body {@code {"message": ...}} plus the exception's members such as
 * {@code clusterName}). Messages copy the real API's where they are known (see aws-api-semantics.md §0.1).
 */
final class EksErrors {
    static final String INVALID_PARAMETER = "InvalidParameterException";
    static final String INVALID_REQUEST = "InvalidRequestException";
    static final String NOT_FOUND = "ResourceNotFoundException";
    static final String IN_USE = "ResourceInUseException";
    static final String LIMIT_EXCEEDED = "ResourceLimitExceededException";

    /**
     * The access-key errors {@link dev.pim.local.server.AwsCaller} raises carry IAM/STS query-protocol codes;
     * EKS, a rest-json service, names the same failures differently.
     */
    private static final Map<String, String> AUTH_CODES = Map.of(
            "InvalidClientTokenId", "UnrecognizedClientException",
            "ExpiredToken", "ExpiredTokenException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException");

    private EksErrors() {
    }

    static ApiError invalidParameter(String message) {
        return ApiError.of(INVALID_PARAMETER, 400, message);
    }

    static ApiError invalidRequest(String message) {
        return ApiError.of(INVALID_REQUEST, 400, message);
    }

    static ApiError notFound(String message) {
        return ApiError.of(NOT_FOUND, 404, message);
    }

    static ApiError inUse(String message) {
        return ApiError.of(IN_USE, 409, message);
    }

    static ApiError badRequest(String message) {
        return ApiError.of("BadRequestException", 400, message);
    }

    static ApiError clusterNotFound(String name) {
        return notFound("No cluster found for name: " + name + ".").with("clusterName", name);
    }

    static ApiError addonNotFound(String cluster, String addon) {
        return notFound("No addon: " + addon + " found in cluster: " + cluster)
                .with("clusterName", cluster).with("addonName", addon);
    }

    static ApiError missing(String parameter) {
        return invalidParameter("Missing required parameter in request: " + parameter);
    }

    /** An API Gateway-fronted service answers a path it has no resource for with 404 UnknownOperationException. */
    static ApiError unknownOperation(String method, String path) {
        return ApiError.of("UnknownOperationException", 404,
                "The local EKS has no operation for " + method + " /" + path);
    }

    /** Renders any error, including the fault injector's throttling, injected failures and crashes. */
    static HttpResponse render(ApiError error) {
        String code;
        int status;
        switch (error.kind()) {
            case THROTTLED -> {
                code = "ThrottlingException";
                status = 429;
            }
            case INJECTED -> {
                code = error.code() != null ? error.code() : "ServerException";
                status = error.status() != 0 ? error.status() : 500;
            }
            case CRASHED -> {
                code = "EmulatedCrash";
                status = 400;
            }
            default -> {
                code = AUTH_CODES.getOrDefault(error.code(), error.code());
                status = error.status() == 0 ? 500 : error.status();
            }
        }
        ObjectNode body = EksJson.object().put("message", error.getMessage());
        error.fields().forEach((field, value) -> body.set(field, EksJson.MAPPER.valueToTree(value)));
        return HttpResponse.json(status, body.toString()).withHeader("x-amzn-ErrorType", code);
    }
}
