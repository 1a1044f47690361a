package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.List;

/** A Choice Rule as the product writes them: a comparison, or an Or of rules. */
public sealed interface ChoiceRule {
    String STRING_EQUALS = "StringEquals";
    String BOOLEAN_EQUALS = "BooleanEquals";

    /** A top-level rule with where it leads. */
    record Branch(ChoiceRule rule, String next) {
    }

    /**
     * {@code Variable} compared with a literal.
     *
     * @param operator {@code StringEquals} or {@code BooleanEquals}
     */
    record Comparison(JsonPathExpr variable, String operator, JsonNode operand) implements ChoiceRule {
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }
    }
}
