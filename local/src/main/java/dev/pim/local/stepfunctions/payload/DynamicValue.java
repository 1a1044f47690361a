package dev.pim.local.stepfunctions.payload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

/**
 * The value of a {@code .$} field (and of ErrorPath/CausePath): a path into the state's data, a path into the
 * context object ({@code $$.}), or an intrinsic function call.
 *
 * @param path null for a call
 * @param call null for a path
 */
public record DynamicValue(String text, JsonPathExpr path, IntrinsicCall call) {

    /**
     * @param reference whether a path must be a Reference Path (ErrorPath, CausePath)
     * @throws IllegalArgumentException when the text is neither a valid path nor a valid intrinsic call
     */
    public static DynamicValue compile(String text, boolean reference) {
        if (text.startsWith("States.")) {
            return new DynamicValue(text, null, IntrinsicCall.parse(text));
        }
        return new DynamicValue(text, reference ? JsonPathExpr.compileReference(text) : JsonPathExpr.compile(text), null);
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
            return call.evaluate(data, context, field);
        }
        JsonNode value = path.find(data, context);
        if (value == null) {
            JsonNode searched = path.readsContext() ? context : data;
            throw new StatesError(ErrorNames.PARAMETER_PATH_FAILURE, "The JSONPath '" + text + "' specified for the field '"
                    + field + "' could not be found in the input '" + Json.write(searched) + "'");
        }
        return value;
    }
}
