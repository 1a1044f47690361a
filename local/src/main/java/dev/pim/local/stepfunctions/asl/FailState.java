package dev.pim.local.stepfunctions.asl;

import dev.pim.local.stepfunctions.payload.DynamicValue;

/** Error/ErrorPath and Cause/CausePath are each optional and mutually exclusive. */
public record FailState(String name, String error, String cause, DynamicValue errorPath, DynamicValue causePath)
        implements State {
    @Override
    public String type() {
        return "Fail";
    }
}
