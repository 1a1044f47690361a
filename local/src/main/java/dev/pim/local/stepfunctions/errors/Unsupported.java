package dev.pim.local.stepfunctions.errors;

/**
 * The CreateStateMachine problem for a States Language feature AWS has and the local engine leaves out (it runs
 * what the product's definitions use): {@code UNSUPPORTED_FEATURE: state Work: field TimeoutSeconds is not
 * supported by the local engine at /States/Work/TimeoutSeconds}.
 */
public final class Unsupported {
    private Unsupported() {
    }

    /** @param pointer the JSON pointer of what is refused; the state is the last {@code /States/<name>} in it */
    public static String problem(String pointer, String what) {
        int states = pointer.lastIndexOf("/States/");
        String state = states < 0 ? "(top level)" : pointer.substring(states + 8).split("/", 2)[0];
        return "UNSUPPORTED_FEATURE: state " + state + ": " + what + " is not supported by the local engine at " + pointer;
    }
}
