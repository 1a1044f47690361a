package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses Choice states: top-level rules need Next, nested ones (inside Or) must not have it; a comparison has a
 * Variable and exactly one operator, StringEquals with a string or BooleanEquals with a boolean. AWS's other
 * operators (And, Not, the numeric, timestamp, type-test and {@code ...Path} comparisons) are refused as
 * unsupported by the local engine.
 */
final class ChoiceRuleParser {
    private static final Pattern AWS_OPERATOR = Pattern.compile("And|Not|(String|Numeric|Boolean|Timestamp|Is)\\w+");

    private ChoiceRuleParser() {
    }

    static State choice(String name, Fields f, DataFlow io) {
        f.require("Choices");
        List<Fields> rules = f.objects("Choices");
        if (f.has("Choices") && f.raw("Choices").isArray() && f.raw("Choices").isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Choices must hold at least one rule", "Choices");
        }
        List<ChoiceRule.Branch> branches = new ArrayList<>();
        for (Fields rule : rules) {
            rule.require("Next");
            String next = rule.string("Next");
            // A rule refused as unsupported still lends its Next, so that its target does not read as unreachable.
            ChoiceRule parsed = rule(rule, true);
            if (next != null) {
                branches.add(new ChoiceRule.Branch(parsed, next));
            }
        }
        return new ChoiceState(name, io, branches, f.string("Default"));
    }

    /** The rule, or null when it is refused (problems are recorded). */
    private static ChoiceRule rule(Fields f, boolean topLevel) {
        if (!topLevel && f.has("Next")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Nested choice rules cannot have 'Next'", "Next");
        }
        List<String> operators = new ArrayList<>();
        boolean unsupported = false;
        for (String field : f.names()) {
            if (List.of(ChoiceRule.STRING_EQUALS, ChoiceRule.BOOLEAN_EQUALS, "Or").contains(field)) {
                operators.add(field);
            } else if (AWS_OPERATOR.matcher(field).matches()) {
                f.unsupported(field, "field " + field);
                unsupported = true;
            } else if (!List.of("Variable", "Next", "Comment").contains(field)) {
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
        if (operator.equals("Or")) {
            if (f.has("Variable")) {
                f.problem("SCHEMA_VALIDATION_FAILED", "A boolean rule (Or) cannot have 'Variable'", "Variable");
            }
            if (f.array("Or") == null || f.raw("Or").isEmpty()) {
                f.problem("SCHEMA_VALIDATION_FAILED", "Or must hold at least one rule", "Or");
                return null;
            }
            return new ChoiceRule.Or(f.objects("Or").stream().map(inner -> rule(inner, false)).filter(Objects::nonNull).toList());
        }
        f.require("Variable");
        JsonNode operand = f.raw(operator);
        boolean string = operator.equals(ChoiceRule.STRING_EQUALS);
        if (string ? !operand.isTextual() : !operand.isBoolean()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The value of '" + operator + "' must be "
                    + (string ? "a string" : "a boolean"), operator);
            return null;
        }
        JsonPathExpr variable = f.referencePath("Variable");
        return variable == null ? null : new ChoiceRule.Comparison(variable, operator, operand);
    }
}
