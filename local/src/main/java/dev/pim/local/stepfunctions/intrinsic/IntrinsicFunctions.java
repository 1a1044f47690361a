package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.PathNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The intrinsic functions of the States Language, by name, with the number of arguments each takes.
 * Evaluation failures surface as {@link IntrinsicException} (the state fails with States.IntrinsicFailure).
 */
public final class IntrinsicFunctions {
    private static final int ANY = Integer.MAX_VALUE;

    private record Signature(int minArguments, int maxArguments, Function<Arguments, JsonNode> body) {
    }

    private static final Map<String, Signature> FUNCTIONS = Map.ofEntries(
            Map.entry("States.Format", new Signature(1, ANY, TextFunctions::format)),
            Map.entry("States.StringToJson", new Signature(1, 1, TextFunctions::stringToJson)),
            Map.entry("States.JsonToString", new Signature(1, 1, TextFunctions::jsonToString)),
            Map.entry("States.Array", new Signature(0, ANY, ArrayFunctions::array)),
            Map.entry("States.ArrayPartition", new Signature(2, 2, ArrayFunctions::partition)),
            Map.entry("States.ArrayContains", new Signature(2, 2, ArrayFunctions::contains)),
            Map.entry("States.ArrayRange", new Signature(3, 3, ArrayFunctions::range)),
            Map.entry("States.ArrayGetItem", new Signature(2, 2, ArrayFunctions::getItem)),
            Map.entry("States.ArrayLength", new Signature(1, 1, ArrayFunctions::length)),
            Map.entry("States.ArrayUnique", new Signature(1, 1, ArrayFunctions::unique)),
            Map.entry("States.Base64Encode", new Signature(1, 1, TextFunctions::base64Encode)),
            Map.entry("States.Base64Decode", new Signature(1, 1, TextFunctions::base64Decode)),
            Map.entry("States.Hash", new Signature(2, 2, TextFunctions::hash)),
            Map.entry("States.JsonMerge", new Signature(3, 3, TextFunctions::jsonMerge)),
            Map.entry("States.MathRandom", new Signature(2, 3, MathFunctions::random)),
            Map.entry("States.MathAdd", new Signature(2, 2, MathFunctions::add)),
            Map.entry("States.StringSplit", new Signature(2, 2, TextFunctions::split)),
            Map.entry("States.UUID", new Signature(0, 0, MathFunctions::uuid)));

    private IntrinsicFunctions() {
    }

    public static boolean isKnown(String name) {
        return FUNCTIONS.containsKey(name);
    }

    static void checkArity(String name, int count) {
        Signature function = FUNCTIONS.get(name);
        if (count < function.minArguments() || count > function.maxArguments()) {
            String expected = function.minArguments() == function.maxArguments() ? String.valueOf(function.minArguments())
                    : function.maxArguments() == ANY ? "at least " + function.minArguments()
                    : function.minArguments() + " to " + function.maxArguments();
            throw new IllegalArgumentException("The function " + name + " takes " + expected + " arguments, got " + count);
        }
    }

    /**
     * Evaluates a call against the state's data and the context object.
     *
     * @throws IntrinsicException when an argument is missing, of the wrong type or out of range
     */
    public static JsonNode evaluate(IntrinsicExpr.Call call, JsonNode data, JsonNode context) {
        List<JsonNode> values = new ArrayList<>(call.arguments().size());
        for (IntrinsicExpr argument : call.arguments()) {
            values.add(value(argument, call.function(), data, context));
        }
        return FUNCTIONS.get(call.function()).body().apply(new Arguments(call.function(), values, rawTemplate(call)));
    }

    private static JsonNode value(IntrinsicExpr argument, String function, JsonNode data, JsonNode context) {
        if (argument instanceof IntrinsicExpr.Literal literal) {
            return literal.value();
        }
        if (argument instanceof IntrinsicExpr.PathArgument path) {
            try {
                return path.path().select(data, context);
            } catch (PathNotFoundException e) {
                throw new IntrinsicException("Invalid arguments in " + function + ": the path '" + path.path().text()
                        + "' could not be found in the input");
            }
        }
        return evaluate((IntrinsicExpr.Call) argument, data, context);
    }

    /** States.Format reads a literal template with its escapes, so that {@code \{} is not a placeholder. */
    private static String rawTemplate(IntrinsicExpr.Call call) {
        if (call.function().equals("States.Format") && call.arguments().get(0) instanceof IntrinsicExpr.Literal literal
                && literal.value().isTextual()) {
            return literal.raw();
        }
        return null;
    }
}
