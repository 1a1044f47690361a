package dev.pim.local.stepfunctions.payload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.intrinsic.IntrinsicException;
import dev.pim.local.stepfunctions.intrinsic.IntrinsicExpr;
import dev.pim.local.stepfunctions.intrinsic.IntrinsicFunctions;
import dev.pim.local.stepfunctions.intrinsic.IntrinsicParser;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.json.PathNotFoundException;

/**
 * The value of a {@code .$} field (and of ErrorPath/CausePath): a path into the state's data, a path into the
 * context object ({@code $$.}), or an intrinsic function call.
 */
public final class DynamicValue {
    private final String text;
    private final JsonPathExpr path;
    private final IntrinsicExpr.Call call;

    private DynamicValue(String text, JsonPathExpr path, IntrinsicExpr.Call call) {
        this.text = text;
        this.path = path;
        this.call = call;
    }

    /** @throws IllegalArgumentException when the text is neither a valid path nor a valid intrinsic call */
    public static DynamicValue compile(String text) {
        if (IntrinsicParser.looksLikeCall(text)) {
            return new DynamicValue(text, null, IntrinsicParser.parse(text));
        }
        return new DynamicValue(text, JsonPathExpr.compile(text), null);
    }

    /** Like {@link #compile} but paths must be Reference Paths (ErrorPath, CausePath). */
    public static DynamicValue compileReference(String text) {
        if (IntrinsicParser.looksLikeCall(text)) {
            return new DynamicValue(text, null, IntrinsicParser.parse(text));
        }
        return new DynamicValue(text, JsonPathExpr.compileReference(text), null);
    }

    public String text() {
        return text;
    }

    /**
     * Evaluates against the state's data and the context object.
     *
     * @param field the field being filled, for the error's cause
     * @throws StatesError States.ParameterPathFailure when a path selects nothing, States.IntrinsicFailure when a
     *                     function cannot be applied
     */
    public JsonNode evaluate(JsonNode data, JsonNode context, String field) {
        if (call != null) {
            try {
                return IntrinsicFunctions.evaluate(call, data, context);
            } catch (IntrinsicException e) {
                throw new StatesError(ErrorNames.INTRINSIC_FAILURE, e.getMessage() + " (field '" + field + "')");
            }
        }
        try {
            return path.select(data, context);
        } catch (PathNotFoundException e) {
            JsonNode searched = path.readsContext() ? context : data;
            throw new StatesError(ErrorNames.PARAMETER_PATH_FAILURE, "The JSONPath '" + text + "' specified for the field '"
                    + field + "' could not be found in the input '" + Json.write(searched) + "'");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
