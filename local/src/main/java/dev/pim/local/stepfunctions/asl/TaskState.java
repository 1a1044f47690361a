package dev.pim.local.stepfunctions.asl;

/** @param next null when the state ends its graph */
public record TaskState(String name, DataFlow io, String resource, ErrorHandling errors, String next) implements State {
    @Override
    public String type() {
        return "Task";
    }
}
