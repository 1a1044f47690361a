package dev.pim.local.stepfunctions.asl;

import java.util.List;

/** @param defaultNext null when there is no Default: no match then fails with States.NoChoiceMatched */
public record ChoiceState(String name, DataFlow io, List<ChoiceRule.Branch> choices, String defaultNext)
        implements State {

    public ChoiceState {
        choices = List.copyOf(choices);
    }

    @Override
    public String type() {
        return "Choice";
    }
}
