package dev.pim.handler;

import java.util.function.Supplier;

/** Removes the IRSA annotation where the association exists and every pod runs with Pod Identity. */
public final class RemoveAnnotationsHandler extends WorkflowStepHandler {

    public RemoveAnnotationsHandler() {
        this(HandlerEnvironment::shared);
    }

    public RemoveAnnotationsHandler(Supplier<HandlerEnvironment> environment) {
        super("RemoveAnnotations", "annotation", environment);
    }
}
