package dev.pim.local.stepfunctions.asl;

import java.util.List;

/** @param next null when the state ends its graph */
public record ParallelState(String name, DataFlow io, List<StateGraph> branches, ErrorHandling errors, String next)
        implements State {

    public ParallelState {
        branches = List.copyOf(branches);
    }

    @Override
    public String type() {
        return "Parallel";
    }
}
