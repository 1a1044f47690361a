package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pim.local.stepfunctions.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/** String, encoding, hashing and JSON intrinsics. */
final class TextFunctions {
    /** AWS caps the input of the encoding and hashing functions at 10,000 characters. */
    private static final int MAX_LENGTH = 10_000;
    private static final Map<String, String> HASH_ALGORITHMS = Map.of("MD5", "MD5", "SHA-1", "SHA-1",
            "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private TextFunctions() {
    }

    static JsonNode format(Arguments args) {
        String template = args.rawTemplate() != null ? args.rawTemplate() : args.string(0);
        StringBuilder out = new StringBuilder();
        int used = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (used >= args.size()) {
                    throw args.invalid("the template has more placeholders than the " + (args.size() - 1) + " values given");
                }
                out.append(text(args.get(used++)));
                i++;
            } else {
                out.append(c);
            }
        }
        if (used != args.size()) {
            throw args.invalid("the template has " + (used - 1) + " placeholders but " + (args.size() - 1) + " values were given");
        }
        return TextNode.valueOf(out.toString());
    }

    static JsonNode stringToJson(Arguments args) {
        String text = args.string(0);
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw args.invalid("the string is not JSON: " + e.getMessage());
        }
    }

    static JsonNode jsonToString(Arguments args) {
        return TextNode.valueOf(Json.write(args.get(0)));
    }

    static JsonNode split(Arguments args) {
        String text = args.string(0);
        String delimiters = args.string(1);
        ArrayNode parts = Json.array();
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (delimiters.indexOf(c) >= 0) {
                addIfNotEmpty(parts, current);
            } else {
                current.append(c);
            }
        }
        addIfNotEmpty(parts, current);
        return parts;
    }

    static JsonNode base64Encode(Arguments args) {
        String text = limited(args, args.string(0));
        return TextNode.valueOf(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode base64Decode(Arguments args) {
        String text = limited(args, args.string(0));
        try {
            return TextNode.valueOf(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw args.invalid("the string is not Base64: " + e.getMessage());
        }
    }

    static JsonNode hash(Arguments args) {
        String data = limited(args, args.string(0));
        String algorithm = HASH_ALGORITHMS.get(args.string(1));
        if (algorithm == null) {
            throw args.invalid("the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, got " + args.get(1));
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** Step Functions only merges shallowly: the third argument must be {@code false}. */
    static JsonNode jsonMerge(Arguments args) {
        ObjectNode merged = args.object(0).deepCopy();
        ObjectNode other = args.object(1);
        JsonNode deep = args.get(2);
        if (!deep.isBoolean() || deep.booleanValue()) {
            throw args.invalid("only shallow merging is supported: the third argument must be false, got " + deep);
        }
        merged.setAll(other.deepCopy());
        return merged;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : Json.write(value);
    }

    private static String limited(Arguments args, String text) {
        if (text.length() > MAX_LENGTH) {
            throw args.invalid("the string has " + text.length() + " characters, more than the " + MAX_LENGTH + " allowed");
        }
        return text;
    }

    private static void addIfNotEmpty(ArrayNode parts, StringBuilder current) {
        if (current.length() > 0) {
            parts.add(current.toString());
            current.setLength(0);
        }
    }
}
