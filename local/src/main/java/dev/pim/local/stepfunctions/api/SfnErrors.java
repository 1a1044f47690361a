package dev.pim.local.stepfunctions.api;

import dev.pim.local.server.ApiError;

/** The errors Step Functions answers with, worded as it words them (all HTTP 400). */
final class SfnErrors {
    private SfnErrors() {
    }

    static ApiError of(String code, String message) {
        return ApiError.of(code, 400, message);
    }

    static ApiError missing(String member) {
        return validation("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }

    static ApiError validation(String detail) {
        return of("ValidationException", "1 validation error detected: " + detail);
    }

    static ApiError invalidArn(String arn, String reason) {
        return of("InvalidArn", "Invalid Arn: '" + reason + ": " + arn + "'");
    }

    static ApiError stateMachineDoesNotExist(String arn) {
        return of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    static ApiError executionDoesNotExist(String arn) {
        return of("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    static ApiError invalidToken(String token) {
        return of("InvalidToken", "Invalid Token: '" + token + "'");
    }
}
