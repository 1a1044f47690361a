package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses Choice states: each rule has Next, a Variable and exactly one operator, StringEquals with a string or
 * BooleanEquals with a boolean. AWS's other operators (And, Or, Not, the numeric, timestamp, type-test and
 * {@code ...Path} comparisons) are refused as unsupported by the local engine.
 */
final class ChoiceRuleParser {
    private static final Set<String> OPERATORS = Set.of(ChoiceRule.STRING_EQUALS, ChoiceRule.BOOLEAN_EQUALS);
    private static final Pattern AWS_OPERATOR = Pattern.compile("And|Or|Not|(String|Numeric|Boolean|Timestamp|Is)\\w+");

    private ChoiceRuleParser() {
    }

    static State choice(String name, Fields f) {
        f.allowOnly(StateParser.allowed(StateParser.pathFields(), Set.of("Choices", "Default")));
        f.require("Choices");
        if (f.has("Next") || f.has("End")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A Choice state cannot have 'Next' or 'End'", null);
        }
        JsonNode choices = f.array("Choices");
        if (choices != null && choices.isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Choices must hold at least one rule", "Choices");
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; choices != null && i < choices.size(); i++) {
            Fields rule = new Fields(choices.get(i), f.at("Choices/" + i), f.problems());
            if (!choices.get(i).isObject()) {
                rule.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                continue;
            }
            ChoiceRule parsed = rule(rule);
            if (parsed != null) {
                rules.add(parsed);
            }
        }
        return new ChoiceState(name, DataFlow.paths(f.nullablePath("InputPath"), f.nullablePath("OutputPath")),
                rules, f.string("Default"));
    }

    private static ChoiceRule rule(Fields f) {
        f.require("Next");
        String next = f.string("Next");
        List<String> operators = new ArrayList<>();
        boolean unsupported = false;
        for (String field : f.names()) {
            if (OPERATORS.contains(field)) {
                operators.add(field);
            } else if (AWS_OPERATOR.matcher(field).matches()) {
                f.unsupported(field);
                unsupported = true;
            } else if (!Set.of("Variable", "Next", "Comment").contains(field)) {
                f.problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported", null);
            }
        }
        if (unsupported) {
            // The definition is refused; the rule stays only so that its Next target does not read as unreachable.
            return next == null ? null : new ChoiceRule(null, null, null, next);
        }
        f.require("Variable");
        if (operators.size() != 1) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A choice rule needs exactly one operator, found " + operators, null);
            return null;
        }
        String operator = operators.get(0);
        JsonNode operand = f.raw(operator);
        boolean fits = operator.equals(ChoiceRule.STRING_EQUALS) ? operand.isTextual() : operand.isBoolean();
        if (!fits) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The value of '" + operator + "' must be "
                    + (operator.equals(ChoiceRule.STRING_EQUALS) ? "a string" : "a boolean"), operator);
            return null;
        }
        JsonPathExpr variable = f.referencePath("Variable");
        return variable == null || next == null ? null : new ChoiceRule(variable, operator, operand, next);
    }
}
