package dev.pim.local.stepfunctions.asl;

import java.util.List;

/** The Retry and Catch fields of a Task or Map state. */
public record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
    public static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());

    public ErrorHandling {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }
}
