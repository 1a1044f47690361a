package dev.pim.handler;

import java.util.function.Supplier;

/**
 * Removes the IRSA annotations where the association exists and every pod runs with Pod Identity, and clears the
 * IRSA role of add-ons whose service accounts all moved.
 */
public final class RemoveAnnotationsHandler extends WorkflowStepHandler {

    public RemoveAnnotationsHandler() {
        this(HandlerEnvironment::shared);
    }

    public RemoveAnnotationsHandler(Supplier<HandlerEnvironment> environment) {
        super("RemoveAnnotations", "annotation", environment);
    }
}
