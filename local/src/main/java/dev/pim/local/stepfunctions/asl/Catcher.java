package dev.pim.local.stepfunctions.asl;

import java.util.List;

/** One Catch entry: on a matching error, put {@code {"Error", "Cause"}} at ResultPath of the raw input, go to Next. */
public record Catcher(List<String> errorEquals, String next, ResultPath resultPath) {

    public Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
