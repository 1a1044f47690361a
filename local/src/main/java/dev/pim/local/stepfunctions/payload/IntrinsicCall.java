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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return Parser.parse(text);
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

    /**
     * Reads one call, token by token, to the depth AWS allows. A path runs to the next comma, parenthesis or space
     * outside brackets, so that {@code $.Items[0]} and {@code $[?(@.crashed)].crashed} are one argument each.
     */
    private static final class Parser {
        private static final Pattern TOKEN = Pattern.compile("\\s*(?:'(?<literal>(?:[^'\\\\]|\\\\.)*)'"
                + "|(?<function>[A-Za-z][\\w.]*)\\s*\\(|(?<path>\\$(?:[^,()\\[\\s]|\\[[^\\]]*\\])*)|(?<punctuation>[,)]))");
        private final String text;
        private final Matcher matcher;
        private int pos;

        /** One token: exactly one of its parts is set. */
        private record Token(int start, String literal, String function, String path, String punctuation) {
        }

        Parser(String text) {
            this.text = text;
            this.matcher = TOKEN.matcher(text);
        }

        static IntrinsicCall parse(String text) {
            Parser parser = new Parser(text);
            Token first = parser.take();
            if (first.function() == null) {
                throw parser.error("expected an intrinsic function");
            }
            IntrinsicCall call = parser.call(first, 0);
            if (!text.substring(parser.pos).isBlank()) {
                throw parser.error("unexpected text after the closing parenthesis");
            }
            return call;
        }

        /** A call whose name and opening parenthesis were just read. */
        private IntrinsicCall call(Token opening, int depth) {
            String name = opening.function();
            if (NOT_SUPPORTED.contains(name)) {
                throw new UnsupportedIntrinsicException(name);
            }
            if (!SUPPORTED.contains(name)) {
                pos = opening.start();
                throw error("'" + name + "' is not an intrinsic function");
            }
            if (depth >= MAX_NESTING) {
                throw error("intrinsic functions nest " + MAX_NESTING + " deep at most");
            }
            List<Argument> arguments = new ArrayList<>();
            Token token = take();
            if (!")".equals(token.punctuation())) {
                arguments.add(argument(token, depth));
                for (token = take(); ",".equals(token.punctuation()); token = take()) {
                    arguments.add(argument(take(), depth));
                }
                if (!")".equals(token.punctuation())) {
                    throw error("expected ',' or ')'");
                }
            }
            boolean fits = name.equals("States.Format") ? !arguments.isEmpty() : arguments.size() == 1;
            if (!fits) {
                throw new IllegalArgumentException("The function " + name + " takes "
                        + (name.equals("States.Format") ? "at least 1" : "1") + " arguments, got " + arguments.size());
            }
            return new IntrinsicCall(name, arguments);
        }

        private Argument argument(Token token, int depth) {
            if (token.literal() != null) {
                return new Literal(token.literal().replaceAll("\\\\(.)", "$1"), token.literal());
            }
            if (token.function() != null) {
                return new Nested(call(token, depth + 1));
            }
            if (token.path() == null) {
                throw error("an argument is missing");
            }
            try {
                return new PathArgument(JsonPathExpr.compile(token.path()));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        private Token take() {
            matcher.region(pos, text.length());
            if (!matcher.lookingAt()) {
                throw error("expected a string in single quotes, a path, an intrinsic call, ',' or ')'"
                        + " (the local engine takes no other arguments)");
            }
            Token token = new Token(pos, matcher.group("literal"), matcher.group("function"), matcher.group("path"),
                    matcher.group("punctuation"));
            pos = matcher.end();
            return token;
        }

        private IllegalArgumentException error(String reason) {
            return new IllegalArgumentException("invalid intrinsic function call '" + text + "' at position " + pos + ": " + reason);
        }
    }
}
