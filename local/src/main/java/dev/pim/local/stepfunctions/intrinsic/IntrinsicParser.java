package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses intrinsic function calls such as {@code States.Format('{} is {}', $.name, States.ArrayLength($.a))}:
 * string literals in single quotes (with {@code \'}, {@code \\}, {@code \{} and {@code \}} escapes), paths and
 * nested calls, to the depth AWS allows. The product's calls take no number, boolean or null literals.
 */
public final class IntrinsicParser {
    static final int MAX_NESTING = 10;
    /** AWS's other intrinsics: refused as unsupported here, not as unknown. */
    private static final Set<String> NOT_SUPPORTED = Set.of("States.StringToJson", "States.Array",
            "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
            "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash", "States.JsonMerge",
            "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");
    private final String text;
    private int pos;
    private int depth;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    /** Whether a {@code .$} field's value is an intrinsic call rather than a path. */
    public static boolean looksLikeCall(String value) {
        return value != null && value.startsWith("States.");
    }

    /**
     * @throws UnsupportedIntrinsicException for an intrinsic AWS has and the local engine does not
     * @throws IllegalArgumentException      saying where and why the text is not a valid call
     */
    public static IntrinsicExpr.Call parse(String text) {
        IntrinsicParser parser = new IntrinsicParser(text);
        IntrinsicExpr.Call call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return call;
    }

    private IntrinsicExpr.Call call() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (NOT_SUPPORTED.contains(name)) {
            throw new UnsupportedIntrinsicException(name);
        }
        if (!IntrinsicFunctions.SUPPORTED.contains(name)) {
            pos = start;
            throw error("'" + name + "' is not an intrinsic function");
        }
        if (++depth > MAX_NESTING) {
            throw error("intrinsic functions nest " + MAX_NESTING + " deep at most");
        }
        expect('(');
        List<IntrinsicExpr> arguments = new ArrayList<>();
        skipSpaces();
        if (peek() != ')') {
            arguments.add(argument());
            skipSpaces();
            while (peek() == ',') {
                pos++;
                arguments.add(argument());
                skipSpaces();
            }
        }
        expect(')');
        depth--;
        IntrinsicFunctions.checkArity(name, arguments.size());
        return new IntrinsicExpr.Call(name, arguments);
    }

    private IntrinsicExpr argument() {
        skipSpaces();
        char c = peek();
        if (c == '\'') {
            return string();
        }
        if (c == '$') {
            return path();
        }
        if (text.startsWith("States.", pos)) {
            return call();
        }
        throw error(c == ')' || c == ',' || c == 0 ? "an argument is missing"
                : "only strings, paths and intrinsic calls are supported as arguments by the local engine");
    }

    private IntrinsicExpr string() {
        int start = ++pos;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '\'') {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                c = text.charAt(++pos);
            }
            value.append(c);
            pos++;
        }
        if (pos >= text.length()) {
            throw error("a string argument is not closed with '");
        }
        String raw = text.substring(start, pos++);
        return new IntrinsicExpr.Literal(TextNode.valueOf(value.toString()), raw);
    }

    private IntrinsicExpr path() {
        int start = pos;
        int brackets = 0;
        char quote = 0;
        while (pos < text.length()) {
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
            pos++;
        }
        String path = text.substring(start, pos).trim();
        try {
            return new IntrinsicExpr.PathArgument(JsonPathExpr.compile(path));
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

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String reason) {
        return new IllegalArgumentException("invalid intrinsic function call '" + text + "' at position " + pos + ": " + reason);
    }

    /** An intrinsic function of AWS's that the local engine does not run. */
    public static final class UnsupportedIntrinsicException extends IllegalArgumentException {
        public UnsupportedIntrinsicException(String function) {
            super(function);
        }
    }
}
