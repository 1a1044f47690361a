package dev.pim.local.lambdaapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code FunctionName} as Invoke and GetFunction accept it: a name ({@code FleetScanFunction}), a partial ARN
 * ({@code 111122223333:function:FleetScanFunction}) or a full ARN, each optionally with a {@code :qualifier}; the
 * qualifier may also come as the {@code Qualifier} query parameter.
 *
 * @param given     the FunctionName exactly as sent
 * @param region    the region a full ARN names, else null
 * @param accountId the account an ARN names, else null
 * @param name      the function's name
 * @param qualifier the version or alias asked for, else null (the unqualified function, i.e. {@code $LATEST})
 */
record FunctionRef(String given, String region, String accountId, String name, String qualifier) {
    static final String LATEST = "$LATEST";
    private static final int MAX_LENGTH = 256;
    private static final int MAX_QUALIFIER_LENGTH = 128;
    /** The model's NamespacedFunctionName pattern, with its parts named. */
    private static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    private static final Pattern NAME = Pattern.compile(
            "(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:(?<region>[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):)?"
                    + "(?:(?<account>\\d{12}):)?(?:function:)?(?<name>[a-zA-Z0-9-_.]+)"
                    + "(?::(?<qualifier>\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");
    private static final String QUALIFIER_PATTERN = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";

    /**
     * @param functionName       the path's FunctionName, decoded
     * @param qualifierParameter the {@code Qualifier} query parameter, or null
     * @throws dev.pim.local.server.ApiError ValidationException for a value the model does not allow,
     *                                       InvalidParameterValueException when the two qualifiers differ
     */
    static FunctionRef parse(String functionName, String qualifierParameter) {
        if (functionName.length() > MAX_LENGTH) {
            throw LambdaErrors.validation("functionName", functionName,
                    "Member must have length less than or equal to " + MAX_LENGTH);
        }
        Matcher m = NAME.matcher(functionName);
        if (!m.matches()) {
            throw LambdaErrors.validation("functionName", functionName,
                    "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        String qualifier = m.group("qualifier");
        if (qualifierParameter != null) {
            validateQualifier(qualifierParameter);
            if (qualifier != null && !qualifier.equals(qualifierParameter)) {
                throw LambdaErrors.invalidParameter(
                        "The derived qualifier from the function name does not match the specified qualifier.");
            }
            qualifier = qualifierParameter;
        }
        return new FunctionRef(functionName, m.group("region"), m.group("account"), m.group("name"), qualifier);
    }

    private static void validateQualifier(String qualifier) {
        if (qualifier.isEmpty() || qualifier.length() > MAX_QUALIFIER_LENGTH) {
            throw LambdaErrors.validation("qualifier", qualifier,
                    "Member must have length between 1 and " + MAX_QUALIFIER_LENGTH);
        }
        if (!qualifier.matches(QUALIFIER_PATTERN)) {
            throw LambdaErrors.validation("qualifier", qualifier,
                    "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
        }
    }

    /** Whether it asks for the unpublished function, the only version the local cloud has. */
    boolean latest() {
        return qualifier == null || qualifier.equals(LATEST);
    }

    /** The ARN it names, with its qualifier: where an ARN leaves out the region or account, the given ones. */
    String qualifiedArn(String defaultRegion, String defaultAccountId) {
        String arn = FunctionDirectory.arn(region != null ? region : defaultRegion,
                accountId != null ? accountId : defaultAccountId, name);
        return qualifier == null ? arn : arn + ":" + qualifier;
    }
}
