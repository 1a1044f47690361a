package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.server.ApiError;

import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the members of a JSON 1.0 request body, failing as Step Functions fails. */
final class Requests {
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_PAGE_SIZE = 100;
    /** Names: 1 to 80 characters, none of whitespace, brackets, wildcards, special or control characters. */
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001f\\u007f-\\u009f]{1,80}");
    private static final Pattern STATE_MACHINE_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]+");
    private static final Pattern EXECUTION_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:(execution|express):[^:]+:[^:]+");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");

    private final JsonNode body;

    Requests(JsonNode body) {
        this.body = body;
    }

    String required(String member) {
        String value = optional(member);
        if (value == null) {
            throw SfnErrors.missing(member);
        }
        return value;
    }

    String optional(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw serialization(member, "a string");
        }
        return value.textValue();
    }

    boolean flag(String member, boolean otherwise) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw serialization(member, "a boolean");
        }
        return value.booleanValue();
    }

    /** maxResults: 0 or absent means the default page size. */
    int pageSize() {
        JsonNode value = body.get("maxResults");
        if (value == null || value.isNull()) {
            return DEFAULT_PAGE_SIZE;
        }
        if (!value.isIntegralNumber()) {
            throw serialization("maxResults", "an integer");
        }
        int size = value.intValue();
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw SfnErrors.validation("Value '" + size + "' at 'maxResults' failed to satisfy constraint: Member must have"
                    + " value less than or equal to " + MAX_PAGE_SIZE);
        }
        return size == 0 ? DEFAULT_PAGE_SIZE : size;
    }

    String stateMachineArn(String member) {
        String arn = required(member);
        if (!STATE_MACHINE_ARN.matcher(arn).matches()) {
            throw SfnErrors.invalidArn(arn, "Resource type not valid in this context");
        }
        return arn;
    }

    String executionArn(String member) {
        String arn = required(member);
        if (!EXECUTION_ARN.matcher(arn).matches()) {
            throw SfnErrors.invalidArn(arn, "Resource type not valid in this context");
        }
        return arn;
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw SfnErrors.of("InvalidName", "Invalid Name: '" + name + "'");
        }
    }

    static void checkRoleArn(String roleArn) {
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw SfnErrors.of("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + roleArn + "'");
        }
    }

    static void checkEnum(String member, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw SfnErrors.validation("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must"
                    + " satisfy enum value set: " + allowed.stream().sorted().toList());
        }
    }

    private static ApiError serialization(String member, String expected) {
        return SfnErrors.of("SerializationException", "Start of structure or map found where not expected: '" + member
                + "' must be " + expected);
    }
}
