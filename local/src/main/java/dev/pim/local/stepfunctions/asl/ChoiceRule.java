package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.List;

/** A Choice Rule: a comparison on one variable, or a boolean combination of rules. */
public sealed interface ChoiceRule {

    /** A top-level rule with where it leads. */
    record Branch(ChoiceRule rule, String next) {
    }

    /**
     * {@code Variable} compared by {@code operator} with a literal {@code operand} or, for the {@code ...Path}
     * operators, with the value at {@code operandPath}.
     */
    record Comparison(JsonPathExpr variable, ComparisonOperator operator, JsonNode operand, JsonPathExpr operandPath)
            implements ChoiceRule {
    }

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
    }
}
