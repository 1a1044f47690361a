package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses intrinsic function calls such as {@code States.Format('{} is {}', $.name, States.ArrayLength($.a))}:
 * string literals in single quotes (with {@code \'}, {@code \\}, {@code \{} and {@code \}} escapes), numbers,
 * booleans, null, paths and nested calls, to the depth AWS allows.
 */
public final class IntrinsicParser {
    static final int MAX_NESTING = 10;
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

    /** @throws IllegalArgumentException saying where and why the text is not a valid call */
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
        if (!IntrinsicFunctions.isKnown(name)) {
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
        return scalar();
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

    private IntrinsicExpr scalar() {
        int start = pos;
        while (pos < text.length() && ",) \t".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String token = text.substring(start, pos);
        switch (token) {
            case "true":
                return new IntrinsicExpr.Literal(BooleanNode.TRUE, token);
            case "false":
                return new IntrinsicExpr.Literal(BooleanNode.FALSE, token);
            case "null":
                return new IntrinsicExpr.Literal(NullNode.getInstance(), token);
            default:
                if (token.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?")) {
                    return new IntrinsicExpr.Literal(Json.parse(token), token);
                }
                pos = start;
                throw error(token.isEmpty() ? "an argument is missing" : "'" + token + "' is not a valid argument");
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
}
