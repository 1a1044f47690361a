package dev.pim.handler;

import java.util.function.Supplier;

/**
 * Rollout restarts of the workloads whose service accounts now have their association, a budget at a time,
 * waiting for each batch. Workloads whose pods already run with Pod Identity are left alone, so a retry after
 * a Lambda timeout goes on where it stopped.
 */
public final class RestartWorkloadsHandler extends WorkflowStepHandler {

    public RestartWorkloadsHandler() {
        this(HandlerEnvironment::shared);
    }

    public RestartWorkloadsHandler(Supplier<HandlerEnvironment> environment) {
        super("RestartWorkloads", "restart", environment);
    }
}
