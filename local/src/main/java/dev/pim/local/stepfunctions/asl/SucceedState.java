package dev.pim.local.stepfunctions.asl;

public record SucceedState(String name, DataFlow io) implements State {
    @Override
    public String type() {
        return "Succeed";
    }
}
