package dev.pim.local.iam;

import dev.pim.local.server.ApiError;

/** IAM's errors, with the codes, HTTP statuses and wording IAM uses. */
final class IamErrors {

    private IamErrors() {
    }

    static ApiError noSuchRole(String name) {
        return ApiError.of("NoSuchEntity", 404, "The role with name " + name + " cannot be found.");
    }

    static ApiError noSuchEntity(String message) {
        return ApiError.of("NoSuchEntity", 404, message);
    }

    static ApiError noSuchProvider(String arn) {
        return ApiError.of("NoSuchEntity", 404, "OpenIDConnect Provider not found for arn " + arn);
    }

    static ApiError roleExists(String name) {
        return entityExists("Role with name " + name + " already exists.");
    }

    static ApiError entityExists(String message) {
        return ApiError.of("EntityAlreadyExists", 409, message);
    }

    static ApiError unmodifiable(String roleName) {
        return ApiError.of("UnmodifiableEntity", 400, "Cannot perform the operation on the protected role '"
                + roleName + "' - this role is only modifiable by AWS");
    }

    /** A quota of the account or of an entity ({@code ACLSizePerRole}, {@code TagsPerRole}...): HTTP 409. */
    static ApiError quota(String quotaName, int limit) {
        return ApiError.of("LimitExceeded", 409, "Cannot exceed quota for " + quotaName + ": " + limit);
    }

    static ApiError malformedPolicy(String message) {
        return ApiError.of("MalformedPolicyDocument", 400, message);
    }

    static ApiError invalidInput(String message) {
        return ApiError.of("InvalidInput", 400, message);
    }

    static ApiError deleteConflict(String message) {
        return ApiError.of("DeleteConflict", 409, message);
    }
}
