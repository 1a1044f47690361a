package dev.pim.local.stepfunctions.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.errors.StatesError;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An intrinsic function call of the kind the product's definitions make, such as
 * {@code States.Format('{} of {}', $.name, States.ArrayLength($.a))}: States.Format, States.ArrayLength and
 * States.JsonToString, whose arguments are string literals in single quotes (with {@code \'}, {@code \\},
 * {@code \{} and {@code \}} escapes), paths and nested calls. AWS's other intrinsics are refused at
 * CreateStateMachine; a call that cannot be applied fails its state with States.IntrinsicFailure.
 */
public final class IntrinsicCall {
    static final Set<String> SUPPORTED = Set.of("States.Format", "States.ArrayLength", "States.JsonToString");
    /** AWS's other intrinsics: refused as unsupported here, not as unknown. */
    private static final Set<String> NOT_SUPPORTED = Set.of("States.StringToJson", "States.Array",
            "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
            "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge",
            "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");
    private static final int MAX_NESTING = 10;

    /** An argument: a string literal (its raw text keeps the escapes States.Format reads), a path or a call. */
    private sealed interface Argument {
    }

    private record Literal(String value, String raw) implements Argument {
    }

    private record PathArgument(JsonPathExpr path) implements Argument {
    }

    private record Nested(IntrinsicCall call) implements Argument {
    }

    /** An intrinsic function of AWS's that the local engine does not run. */
    static final class UnsupportedIntrinsicException extends IllegalArgumentException {
        UnsupportedIntrinsicException(String function) {
            super(function);
        }
    }

    private final String function;
    private final List<Argument> arguments;

    private IntrinsicCall(String function, List<Argument> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
    }

    /**
     * @throws UnsupportedIntrinsicException for an intrinsic AWS has and the local engine does not
     * @throws IllegalArgumentException      saying where and why the text is not a valid call
     */
    static IntrinsicCall parse(String text) {
        Parser parser = new Parser(text);
        IntrinsicCall call = parser.call(0);
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    /** @throws StatesError States.IntrinsicFailure when an argument is missing or of the wrong type */
    JsonNode evaluate(JsonNode data, JsonNode context, String field) {
        List<JsonNode> values = new ArrayList<>();
        for (Argument argument : arguments) {
            if (argument instanceof Literal literal) {
                values.add(TextNode.valueOf(literal.value()));
            } else if (argument instanceof Nested nested) {
                values.add(nested.call().evaluate(data, context, field));
            } else {
                JsonPathExpr path = ((PathArgument) argument).path();
                JsonNode value = path.find(data, context);
                if (value == null) {
                    throw failure("the path '" + path.text() + "' could not be found in the input", field);
                }
                values.add(value);
            }
        }
        return switch (function) {
            case "States.Format" -> format(values, field);
            case "States.ArrayLength" -> {
                if (!values.get(0).isArray()) {
                    throw failure("argument 1 must be an array, got " + values.get(0), field);
                }
                yield IntNode.valueOf(values.get(0).size());
            }
            default -> TextNode.valueOf(Json.write(values.get(0)));
        };
    }

    /** Reads a literal template with its escapes, so that {@code \{} is not a placeholder. */
    private JsonNode format(List<JsonNode> values, String field) {
        String template;
        if (arguments.get(0) instanceof Literal literal) {
            template = literal.raw();
        } else if (values.get(0).isTextual()) {
            template = values.get(0).textValue();
        } else {
            throw failure("argument 1 must be a string, got " + values.get(0), field);
        }
        StringBuilder out = new StringBuilder();
        int used = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (used >= values.size()) {
                    throw failure("the template has more placeholders than the " + (values.size() - 1) + " values given", field);
                }
                JsonNode value = values.get(used++);
                out.append(value.isTextual() ? value.textValue() : Json.write(value));
                i++;
            } else {
                out.append(c);
            }
        }
        if (used != values.size()) {
            throw failure("the template has " + (used - 1) + " placeholders but " + (values.size() - 1)
                    + " values were given", field);
        }
        return TextNode.valueOf(out.toString());
    }

    private StatesError failure(String reason, String field) {
        return new StatesError(ErrorNames.INTRINSIC_FAILURE, "Invalid arguments in " + function + ": " + reason
                + " (field '" + field + "')");
    }

    /** A recursive-descent reader of one call, to the depth AWS allows. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        IntrinsicCall call(int depth) {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (NOT_SUPPORTED.contains(name)) {
                throw new UnsupportedIntrinsicException(name);
            }
            if (!SUPPORTED.contains(name)) {
                pos = start;
                throw error("'" + name + "' is not an intrinsic function");
            }
            if (depth >= MAX_NESTING) {
                throw error("intrinsic functions nest " + MAX_NESTING + " deep at most");
            }
            expect('(');
            List<Argument> arguments = new ArrayList<>();
            skipSpaces();
            while (peek() != ')') {
                if (!arguments.isEmpty()) {
                    expect(',');
                }
                arguments.add(argument(depth));
                skipSpaces();
            }
            pos++;
            boolean fits = name.equals("States.Format") ? !arguments.isEmpty() : arguments.size() == 1;
            if (!fits) {
                throw new IllegalArgumentException("The function " + name + " takes "
                        + (name.equals("States.Format") ? "at least 1" : "1") + " arguments, got " + arguments.size());
            }
            return new IntrinsicCall(name, arguments);
        }

        private Argument argument(int depth) {
            skipSpaces();
            char c = peek();
            if (c == '\'') {
                return literal();
            }
            if (c == '$') {
                return path();
            }
            if (text.startsWith("States.", pos)) {
                return new Nested(call(depth + 1));
            }
            throw error(c == ')' || c == ',' || c == 0 ? "an argument is missing"
                    : "only strings, paths and intrinsic calls are supported as arguments by the local engine");
        }

        private Argument literal() {
            int start = ++pos;
            StringBuilder value = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '\'') {
                if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                    pos++;
                }
                value.append(text.charAt(pos++));
            }
            if (pos >= text.length()) {
                throw error("a string argument is not closed with '");
            }
            return new Literal(value.toString(), text.substring(start, pos++));
        }

        /** A path runs to the next comma or closing parenthesis outside brackets and quotes. */
        private Argument path() {
            int start = pos;
            int brackets = 0;
            char quote = 0;
            for (; pos < text.length(); pos++) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    brackets++;
                } else if ((c == ']' || c == ')') && brackets > 0) {
                    brackets--;
                } else if ((c == ',' || c == ')') && brackets == 0) {
                    break;
                }
            }
            try {
                return new PathArgument(JsonPathExpr.compile(text.substring(start, pos).trim()));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private void expect(char c) {
            skipSpaces();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String reason) {
            return new IllegalArgumentException("invalid intrinsic function call '" + text + "' at position " + pos + ": " + reason);
        }
    }
}
