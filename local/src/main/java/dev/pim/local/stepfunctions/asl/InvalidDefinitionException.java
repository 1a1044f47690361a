package dev.pim.local.stepfunctions.asl;

import java.util.List;

/**
 * A definition Step Functions would refuse at CreateStateMachine; the message has AWS's shape:
 * {@code Invalid State Machine Definition: 'CODE: reason at /States/Name/Field, ...'}.
 */
public final class InvalidDefinitionException extends RuntimeException {
    private final List<String> problems;

    public InvalidDefinitionException(List<String> problems) {
        super("Invalid State Machine Definition: '" + String.join(", ", problems) + "'");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
