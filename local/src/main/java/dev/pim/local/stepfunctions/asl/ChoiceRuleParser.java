package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses Choice states: top-level rules need Next, nested ones (inside Or) must not have it; a comparison has a
 * Variable and exactly one operator, StringEquals with a string or BooleanEquals with a boolean. AWS's other
 * operators (And, Not, the numeric, timestamp, type-test and {@code ...Path} comparisons) are refused as
 * unsupported by the local engine.
 */
final class ChoiceRuleParser {
    private static final Set<String> OPERATORS = Set.of(ChoiceRule.STRING_EQUALS, ChoiceRule.BOOLEAN_EQUALS, "Or");
    private static final Pattern AWS_OPERATOR = Pattern.compile("And|Not|(String|Numeric|Boolean|Timestamp|Is)\\w+");

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
        List<ChoiceRule.Branch> branches = new ArrayList<>();
        for (int i = 0; choices != null && i < choices.size(); i++) {
            Fields rule = new Fields(choices.get(i), f.at("Choices/" + i), f.problems());
            if (!choices.get(i).isObject()) {
                rule.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                continue;
            }
            rule.require("Next");
            String next = rule.string("Next");
            // A rule refused as unsupported still lends its Next, so that its target does not read as unreachable.
            ChoiceRule parsed = rule(rule, true);
            if (next != null) {
                branches.add(new ChoiceRule.Branch(parsed, next));
            }
        }
        return new ChoiceState(name, DataFlow.paths(f.nullablePath("InputPath"), f.nullablePath("OutputPath")),
                branches, f.string("Default"));
    }

    /** The rule, or null when it is refused (problems are recorded). */
    private static ChoiceRule rule(Fields f, boolean topLevel) {
        if (!topLevel && f.has("Next")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Nested choice rules cannot have 'Next'", "Next");
        }
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
            return null;
        }
        if (operators.size() != 1) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A choice rule needs exactly one operator, found " + operators, null);
            return null;
        }
        String operator = operators.get(0);
        return operator.equals("Or") ? or(f) : comparison(f, operator);
    }

    private static ChoiceRule or(Fields f) {
        if (f.has("Variable")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A boolean rule (Or) cannot have 'Variable'", "Variable");
        }
        JsonNode items = f.array("Or");
        if (items == null || items.isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Or must hold at least one rule", "Or");
            return null;
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields inner = new Fields(items.get(i), f.at("Or/" + i), f.problems());
            if (!items.get(i).isObject()) {
                inner.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                continue;
            }
            ChoiceRule rule = rule(inner, false);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new ChoiceRule.Or(rules);
    }

    private static ChoiceRule comparison(Fields f, String operator) {
        f.require("Variable");
        JsonNode operand = f.raw(operator);
        boolean fits = operator.equals(ChoiceRule.STRING_EQUALS) ? operand.isTextual() : operand.isBoolean();
        if (!fits) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The value of '" + operator + "' must be "
                    + (operator.equals(ChoiceRule.STRING_EQUALS) ? "a string" : "a boolean"), operator);
            return null;
        }
        JsonPathExpr variable = f.referencePath("Variable");
        return variable == null ? null : new ChoiceRule.Comparison(variable, operator, operand);
    }
}
