package dev.pim.local.stepfunctions.asl;

/**
 * @param timeout   TimeoutSeconds or TimeoutSecondsPath; absent means no limit (AWS's default is 99999999 s)
 * @param heartbeat HeartbeatSeconds or HeartbeatSecondsPath (recorded, not enforced: handlers run synchronously)
 * @param next      null when the state ends its graph
 */
public record TaskState(String name, DataFlow io, String resource, NumberOrPath timeout, NumberOrPath heartbeat,
                        ErrorHandling errors, String next) implements State {
    @Override
    public String type() {
        return "Task";
    }
}
