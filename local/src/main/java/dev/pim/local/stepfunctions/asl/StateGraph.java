package dev.pim.local.stepfunctions.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** States and where to start: the top level of a state machine or a Map's item processor. */
public record StateGraph(String startAt, Map<String, State> states) {

    public StateGraph {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalStateException("no state named " + name + " (the definition was validated)");
        }
        return state;
    }
}
