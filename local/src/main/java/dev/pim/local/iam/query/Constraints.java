package dev.pim.local.iam.query;

import dev.pim.local.server.ApiError;

import java.util.regex.Pattern;

/**
 * The model constraints (length, pattern, range) that AWS checks before an operation runs, failing with
 * {@code ValidationError} and a message in AWS's own words that names the parameter:
 * {@code 1 validation error detected: Value 'x' at 'roleName' failed to satisfy constraint: ...}.
 */
public final class Constraints {

    private Constraints() {
    }

    public static ApiError missing(String parameter) {
        return validationError("Value null at '" + memberName(parameter)
                + "' failed to satisfy constraint: Member must not be null");
    }

    public static ApiError violation(String parameter, Object value, String constraint) {
        return validationError("Value '" + value + "' at '" + memberName(parameter)
                + "' failed to satisfy constraint: " + constraint);
    }

    /** A ValidationError whose message is given whole (STS words some of its own). */
    public static ApiError validationError(String detail) {
        String message = detail.startsWith("Value ") ? "1 validation error detected: " + detail : detail;
        return ApiError.of("ValidationError", 400, message);
    }

    public static String length(String parameter, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw violation(parameter, value, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw violation(parameter, value, "Member must have length less than or equal to " + max);
        }
        return value;
    }

    /** Checks the whole value against a model pattern; {@code patternText} is how AWS prints it. */
    public static String pattern(String parameter, String value, Pattern pattern, String patternText) {
        if (!pattern.matcher(value).matches()) {
            throw violation(parameter, value, "Member must satisfy regular expression pattern: " + patternText);
        }
        return value;
    }

    public static int range(String parameter, int value, int min, int max) {
        if (value < min) {
            throw violation(parameter, value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw violation(parameter, value, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    /** The member name AWS uses in validation messages: the wire name with a lower-case first letter. */
    static String memberName(String parameter) {
        if (parameter.isEmpty() || Character.isLowerCase(parameter.charAt(0))) {
            return parameter;
        }
        return Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
    }
}
