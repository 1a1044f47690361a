package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.PathNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The intrinsic functions the product's definitions call: States.Format, States.ArrayLength and
 * States.JsonToString. Others are refused at CreateStateMachine. Evaluation failures surface as
 * {@link IntrinsicException} (the state fails with States.IntrinsicFailure).
 */
public final class IntrinsicFunctions {
    static final Set<String> SUPPORTED = Set.of("States.Format", "States.ArrayLength", "States.JsonToString");

    private IntrinsicFunctions() {
    }

    static void checkArity(String name, int count) {
        boolean fits = name.equals("States.Format") ? count >= 1 : count == 1;
        if (!fits) {
            String expected = name.equals("States.Format") ? "at least 1" : "1";
            throw new IllegalArgumentException("The function " + name + " takes " + expected + " arguments, got " + count);
        }
    }

    /**
     * Evaluates a call against the state's data and the context object.
     *
     * @throws IntrinsicException when an argument is missing or of the wrong type
     */
    public static JsonNode evaluate(IntrinsicExpr.Call call, JsonNode data, JsonNode context) {
        List<JsonNode> values = new ArrayList<>(call.arguments().size());
        for (IntrinsicExpr argument : call.arguments()) {
            values.add(value(argument, call.function(), data, context));
        }
        return switch (call.function()) {
            case "States.Format" -> format(call, values);
            case "States.ArrayLength" -> {
                if (!values.get(0).isArray()) {
                    throw invalid(call, "argument 1 must be an array, got " + values.get(0));
                }
                yield IntNode.valueOf(values.get(0).size());
            }
            default -> TextNode.valueOf(Json.write(values.get(0)));
        };
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

    /** Reads a literal template with its escapes, so that {@code \{} is not a placeholder. */
    private static JsonNode format(IntrinsicExpr.Call call, List<JsonNode> values) {
        String template;
        if (call.arguments().get(0) instanceof IntrinsicExpr.Literal literal) {
            template = literal.raw();
        } else if (values.get(0).isTextual()) {
            template = values.get(0).textValue();
        } else {
            throw invalid(call, "argument 1 must be a string, got " + values.get(0));
        }
        StringBuilder out = new StringBuilder();
        int used = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (used >= values.size()) {
                    throw invalid(call, "the template has more placeholders than the " + (values.size() - 1) + " values given");
                }
                JsonNode value = values.get(used++);
                out.append(value.isTextual() ? value.textValue() : Json.write(value));
                i++;
            } else {
                out.append(c);
            }
        }
        if (used != values.size()) {
            throw invalid(call, "the template has " + (used - 1) + " placeholders but " + (values.size() - 1)
                    + " values were given");
        }
        return TextNode.valueOf(out.toString());
    }

    private static IntrinsicException invalid(IntrinsicExpr.Call call, String reason) {
        return new IntrinsicException("Invalid arguments in " + call.function() + ": " + reason);
    }
}
