package dev.pim.local.stepfunctions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.ChoiceRule;
import dev.pim.local.stepfunctions.asl.ComparisonOperator;
import dev.pim.local.stepfunctions.asl.Timestamps;
import dev.pim.local.stepfunctions.json.JsonPathExpr;
import dev.pim.local.stepfunctions.json.PathNotFoundException;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Evaluates Choice Rules against a Choice state's input. A comparison whose variable (or operand) is of another
 * type than the operator compares is false; a variable that is missing is a States.Runtime error, except for
 * IsPresent, which is there to test exactly that.
 */
final class ChoiceEvaluator {
    private final JsonNode input;
    private final StateVisit visit;

    ChoiceEvaluator(JsonNode input, StateVisit visit) {
        this.input = input;
        this.visit = visit;
    }

    boolean matches(ChoiceRule rule) {
        if (rule instanceof ChoiceRule.And and) {
            return and.rules().stream().allMatch(this::matches);
        }
        if (rule instanceof ChoiceRule.Or or) {
            return or.rules().stream().anyMatch(this::matches);
        }
        if (rule instanceof ChoiceRule.Not not) {
            return !matches(not.rule());
        }
        return compare((ChoiceRule.Comparison) rule);
    }

    private boolean compare(ChoiceRule.Comparison comparison) {
        ComparisonOperator operator = comparison.operator();
        Optional<JsonNode> variable = read(comparison.variable());
        if (operator == ComparisonOperator.IS_PRESENT) {
            return variable.isPresent() == comparison.operand().booleanValue();
        }
        JsonNode value = variable.orElseThrow(() -> visit.runtimeError("Invalid path '" + comparison.variable().text()
                + "': The choice state's condition path references an invalid value."));
        if (operator.kind() == ComparisonOperator.Kind.TYPE_TEST) {
            return typeTest(operator, value) == comparison.operand().booleanValue();
        }
        JsonNode operand = comparison.operandPath() == null ? comparison.operand()
                : read(comparison.operandPath()).orElseThrow(() -> visit.runtimeError("Invalid path '"
                + comparison.operandPath().text() + "': The choice state's condition path references an invalid value."));
        return relate(operator, value, operand);
    }

    private static boolean relate(ComparisonOperator operator, JsonNode value, JsonNode operand) {
        switch (operator.kind()) {
            case STRING:
                return value.isTextual() && operand.isTextual()
                        && operator.relation().holds(value.textValue().compareTo(operand.textValue()));
            case PATTERN:
                return value.isTextual() && operand.isTextual() && wildcard(operand.textValue()).matcher(value.textValue()).matches();
            case NUMBER:
                return value.isNumber() && operand.isNumber()
                        && operator.relation().holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN:
                return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP:
                Optional<Instant> left = timestamp(value);
                Optional<Instant> right = timestamp(operand);
                return left.isPresent() && right.isPresent() && operator.relation().holds(left.get().compareTo(right.get()));
            default:
                throw new IllegalStateException("not a comparison: " + operator);
        }
    }

    private static boolean typeTest(ComparisonOperator operator, JsonNode value) {
        return switch (operator) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> timestamp(value).isPresent();
            default -> throw new IllegalStateException("not a type test: " + operator);
        };
    }

    private Optional<JsonNode> read(JsonPathExpr path) {
        try {
            return Optional.of(path.select(input, path.readsContext() ? visit.contextObject() : null));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> timestamp(JsonNode value) {
        return value.isTextual() ? Timestamps.parse(value.textValue()) : Optional.empty();
    }

    /** StringMatches patterns: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
