package dev.pim.local.kubernetes;

import dev.pim.local.server.ApiError;

import java.util.List;

/**
 * The failures a Kubernetes API server reports, with the reasons, codes and messages of
 * {@code k8s.io/apimachinery/pkg/api/errors}, as {@link ApiError}s that {@link StatusRenderer} turns into
 * {@code Status} objects. Details travel as error fields: {@code name}, {@code group}, {@code kind},
 * {@code causes} (a list of {@link Cause}), {@code retryAfterSeconds}.
 */
final class StatusErrors {
    /** An emulator-only field saying why authentication failed; rendered as a header, never in the body. */
    static final String AUTH_FAILURE = "authFailure";

    private StatusErrors() {
    }

    /** One entry of {@code details.causes}. */
    record Cause(String reason, String message, String field) {
    }

    /** What the API server answers whenever authentication fails, whatever the cause. */
    static ApiError unauthorized(String why) {
        return ApiError.of("Unauthorized", 401, "Unauthorized").with(AUTH_FAILURE, why);
    }

    static ApiError notFound(ResourceType<?> type, String name) {
        return withDetails(ApiError.of("NotFound", 404, type.qualifiedName() + " \"" + name + "\" not found"), type, name);
    }

    /** A URL that names no resource this server knows. */
    static ApiError pathNotFound() {
        return ApiError.of("NotFound", 404, "the server could not find the requested resource");
    }

    static ApiError methodNotAllowed(String why) {
        return ApiError.of("MethodNotAllowed", 405, "the server does not allow this method on the requested resource")
                .with("causes", List.of(new Cause(null, why, null)));
    }

    static ApiError conflict(ResourceType<?> type, String name) {
        return withDetails(ApiError.of("Conflict", 409, "Operation cannot be fulfilled on " + type.qualifiedName() + " \""
                + name + "\": the object has been modified; please apply your changes to the latest version and try again"),
                type, name);
    }

    static ApiError forbidden(ResourceType<?> type, String name, Verb verb, String namespace, String username) {
        String subject = name == null ? type.qualifiedName() : type.qualifiedName() + " \"" + name + "\"";
        String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
        String message = subject + " is forbidden: User \"" + username + "\" cannot " + verb.rbacName() + " resource \""
                + type.plural() + "\" in API group \"" + type.group() + "\" " + scope;
        return withDetails(ApiError.of("Forbidden", 403, message), type, name);
    }

    static ApiError badRequest(String message) {
        return ApiError.of("BadRequest", 400, message);
    }

    static ApiError unsupportedMediaType(String contentType) {
        return ApiError.of("UnsupportedMediaType", 415, "the body of the request was in an unknown format - accepted media "
                + "types include: application/json-patch+json, application/merge-patch+json, "
                + "application/strategic-merge-patch+json (got " + contentType + ")");
    }

    /** A patch that could not be applied, e.g. a failed JSON Patch {@code test} (the API server's 422). */
    static ApiError patchNotApplicable(String why) {
        return ApiError.of("Invalid", 422, "the server rejected our request due to an error in our request")
                .with("causes", List.of(new Cause(null, why, null)));
    }

    /** A field validation failure: {@code Deployment.apps "x" is invalid: spec.selector: Invalid value: ...}. */
    static ApiError invalid(ResourceType<?> type, String name, String field, String value, String detail) {
        String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
        String cause = "Invalid value: " + value + ": " + detail;
        return ApiError.of("Invalid", 422, kind + " \"" + name + "\" is invalid: " + field + ": " + cause)
                .with("name", name).with("group", type.group().isEmpty() ? null : type.group()).with("kind", type.kind())
                .with("causes", List.of(new Cause("FieldValueInvalid", cause, field)));
    }

    private static ApiError withDetails(ApiError error, ResourceType<?> type, String name) {
        return error.with("name", name).with("group", type.group().isEmpty() ? null : type.group())
                .with("kind", type.plural());
    }
}
