package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;

import java.util.Map;
import java.util.Set;

/**
 * Lambda's errors on the wire (rest-json, 2015-03-31 model): the code in the {@code x-amzn-ErrorType} header, a
 * JSON body with {@code Type} ({@code User} for the caller's faults, {@code Service} for Lambda's) and the message
 * under the member the model names for that exception ({@code Message} for some, {@code message} for others).
 */
final class LambdaErrors {
    static final String NOT_FOUND = "ResourceNotFoundException";
    static final String SERVICE = "ServiceException";
    static final String TOO_MANY_REQUESTS = "TooManyRequestsException";
    /** What the fault injector's rate limit stands for: the caller's request rate, not a function's concurrency. */
    static final String RATE_LIMIT_REASON = "CallerRateLimitExceeded";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model's statuses of the exceptions Invoke, GetFunction and ListFunctions can answer (400 otherwise). */
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry(NOT_FOUND, 404), Map.entry(SERVICE, 500), Map.entry(TOO_MANY_REQUESTS, 429),
            Map.entry("RequestTooLargeException", 413), Map.entry("SerializedRequestEntityTooLargeException", 413),
            Map.entry("UnsupportedMediaTypeException", 415), Map.entry("ResourceConflictException", 409),
            Map.entry("ResourceNotReadyException", 502), Map.entry("EC2ThrottledException", 502),
            Map.entry("EC2UnexpectedException", 502), Map.entry("ENILimitReachedException", 502),
            Map.entry("InvalidRuntimeException", 502), Map.entry("KMSAccessDeniedException", 502),
            Map.entry("SnapStartNotReadyException", 409), Map.entry("SnapStartTimeoutException", 408),
            Map.entry("EFSMountTimeoutException", 408), Map.entry("EFSIOException", 410));

    /** The exceptions whose message member is {@code Message}; the others use {@code message}. */
    private static final Set<String> CAPITALISED_MESSAGE = Set.of(NOT_FOUND, SERVICE, "EC2AccessDeniedException",
            "EC2ThrottledException", "EC2UnexpectedException", "EFSIOException", "EFSMountConnectivityException",
            "EFSMountFailureException", "EFSMountTimeoutException", "ENILimitReachedException",
            "InvalidRuntimeException", "InvalidSecurityGroupIDException", "InvalidSubnetIDException",
            "InvalidZipFileException", "KMSAccessDeniedException", "KMSDisabledException", "KMSInvalidStateException",
            "KMSNotFoundException", "NoPublishedVersionException", "RecursiveInvocationException",
            "SnapStartException", "SnapStartNotReadyException", "SnapStartTimeoutException",
            "SubnetIPAddressLimitReachedException");

    /** The access-key errors {@link dev.pim.local.server.AwsCaller} raises, as a rest-json service names them. */
    private static final Map<String, String> AUTH_CODES = Map.of(
            "InvalidClientTokenId", "UnrecognizedClientException",
            "ExpiredToken", "ExpiredTokenException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException");

    private LambdaErrors() {
    }

    /** An access-key refusal (IAM's query-protocol codes) under Lambda's codes. */
    static ApiError authentication(ApiError refusal) {
        return ApiError.of(AUTH_CODES.getOrDefault(refusal.code(), refusal.code()), refusal.status(), refusal.getMessage());
    }

    static ApiError functionNotFound(String arn) {
        return ApiError.of(NOT_FOUND, 404, "Function not found: " + arn);
    }

    static ApiError invalidParameter(String message) {
        return ApiError.of("InvalidParameterValueException", 400, message);
    }

    static ApiError invalidRequestContent(String message) {
        return ApiError.of("InvalidRequestContentException", 400, message);
    }

    static ApiError requestTooLarge(int limitBytes) {
        return ApiError.of("RequestTooLargeException", 413,
                "Request must be smaller than " + limitBytes + " bytes for the InvokeFunction operation");
    }

    /** A value breaking a constraint of the model, answered as AWS's request validation does. */
    static ApiError validation(String member, Object value, String constraint) {
        return ApiError.of("ValidationException", 400, "1 validation error detected: Value '" + value + "' at '"
                + member + "' failed to satisfy constraint: " + constraint);
    }

    /** An API Gateway-fronted service answers a path it has no resource for with 404 UnknownOperationException. */
    static ApiError unknownOperation(String method, String path) {
        return ApiError.of("UnknownOperationException", 404, "The local Lambda has no operation for " + method + " "
                + path + ": it serves Invoke, GetFunction and ListFunctions");
    }

    /** Renders any error, including the fault injector's throttling, injected failures and crashes. */
    static HttpResponse render(ApiError error) {
        return switch (error.kind()) {
            case THROTTLED -> body(429, TOO_MANY_REQUESTS, error.getMessage(), Map.of("Reason", RATE_LIMIT_REASON))
                    .withHeader("Retry-After", "1");
            case CRASHED -> body(400, "EmulatedCrash", error.getMessage(), Map.of());
            // An injected fault without a code is Lambda's own internal error.
            case INJECTED, SERVICE -> {
                String code = error.code() != null ? error.code() : SERVICE;
                int status = error.status() != 0 ? error.status() : STATUS.getOrDefault(code, 400);
                yield body(status, code, error.getMessage(), error.fields());
            }
        };
    }

    private static HttpResponse body(int status, String code, String message, Map<String, Object> fields) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", status >= 500 ? "Service" : "User");
        body.put(CAPITALISED_MESSAGE.contains(code) ? "Message" : "message", message);
        fields.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        return HttpResponse.json(status, body.toString()).withHeader("x-amzn-ErrorType", code);
    }
}
