package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses Choice states: top-level rules need Next, nested ones must not have it; a comparison has a Variable and
 * exactly one operator whose operand has the operator's type.
 */
final class ChoiceRuleParser {
    private static final Set<String> BOOLEAN_OPERATORS = Set.of("And", "Or", "Not");

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
        if (choices != null) {
            for (int i = 0; i < choices.size(); i++) {
                Fields rule = new Fields(choices.get(i), f.at("Choices/" + i), f.problems());
                if (!choices.get(i).isObject()) {
                    rule.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                    continue;
                }
                rule.require("Next");
                String next = rule.string("Next");
                ChoiceRule parsed = rule(rule, true);
                if (next != null && parsed != null) {
                    branches.add(new ChoiceRule.Branch(parsed, next));
                }
            }
        }
        return new ChoiceState(name, DataFlow.paths(f.nullablePath("InputPath"), f.nullablePath("OutputPath")),
                branches, f.string("Default"));
    }

    private static ChoiceRule rule(Fields f, boolean topLevel) {
        if (!topLevel && f.has("Next")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Nested choice rules cannot have 'Next'", "Next");
        }
        List<String> operators = new ArrayList<>();
        for (String field : f.names()) {
            if (BOOLEAN_OPERATORS.contains(field) || ComparisonOperator.forField(field).isPresent()) {
                operators.add(field);
            } else if (!Set.of("Variable", "Next", "Comment").contains(field)) {
                f.problem("SCHEMA_VALIDATION_FAILED", "Field \"" + field + "\" is not supported", null);
            }
        }
        if (operators.size() != 1) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A choice rule needs exactly one operator, found " + operators, null);
            return null;
        }
        String operator = operators.get(0);
        if (BOOLEAN_OPERATORS.contains(operator)) {
            if (f.has("Variable")) {
                f.problem("SCHEMA_VALIDATION_FAILED", "A boolean rule (" + operator + ") cannot have 'Variable'", "Variable");
            }
            return booleanRule(f, operator);
        }
        return comparison(f, ComparisonOperator.forField(operator).orElseThrow(), operator);
    }

    private static ChoiceRule booleanRule(Fields f, String operator) {
        if (operator.equals("Not")) {
            JsonNode inner = f.object("Not");
            return inner == null ? null : Optional.ofNullable(rule(new Fields(inner, f.at("Not"), f.problems()), false))
                    .map(ChoiceRule.Not::new).orElse(null);
        }
        JsonNode items = f.array(operator);
        if (items == null || items.isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", operator + " must hold at least one rule", operator);
            return null;
        }
        List<ChoiceRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields inner = new Fields(items.get(i), f.at(operator + "/" + i), f.problems());
            if (!items.get(i).isObject()) {
                inner.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                continue;
            }
            Optional.ofNullable(rule(inner, false)).ifPresent(rules::add);
        }
        return operator.equals("And") ? new ChoiceRule.And(rules) : new ChoiceRule.Or(rules);
    }

    private static ChoiceRule comparison(Fields f, ComparisonOperator.Match match, String field) {
        f.require("Variable");
        JsonPathExpr variable = f.referencePath("Variable");
        if (match.path()) {
            JsonPathExpr operandPath = f.referencePath(field);
            return variable == null || operandPath == null ? null
                    : new ChoiceRule.Comparison(variable, match.operator(), null, operandPath);
        }
        JsonNode operand = f.raw(field);
        if (!operandFits(match.operator(), operand)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The value of '" + field + "' must be " + expected(match.operator()), field);
            return null;
        }
        return variable == null ? null : new ChoiceRule.Comparison(variable, match.operator(), operand, null);
    }

    private static boolean operandFits(ComparisonOperator operator, JsonNode operand) {
        return switch (operator.kind()) {
            case STRING, PATTERN -> operand.isTextual();
            case NUMBER -> operand.isNumber();
            case BOOLEAN, TYPE_TEST -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && Timestamps.parse(operand.textValue()).isPresent();
        };
    }

    private static String expected(ComparisonOperator operator) {
        return switch (operator.kind()) {
            case STRING, PATTERN -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN, TYPE_TEST -> "a boolean";
            case TIMESTAMP -> "an RFC3339 timestamp string";
        };
    }
}
