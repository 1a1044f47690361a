package dev.pim.handler;

import org.crac.Core;
import org.crac.Resource;

import java.lang.reflect.ParameterizedType;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, load what its first invocation would load
 * and keep it in the snapshot: the handler's environment (the journal's SDK client: configuration only, no call),
 * the logging configuration, and Jackson's (de)serializers of the handler's event and result. Nothing here calls AWS: a snapshot must not
 * hold a connection or credentials fetched before it. Outside SnapStart (a plain JVM, the local pipeline) the
 * registration does nothing.
 */
final class Priming implements Resource {
    private final JsonHandler<?, ?> handler;

    private Priming(JsonHandler<?, ?> handler) {
        this.handler = handler;
    }

    /**
     * Registers the priming of a handler. org.crac keeps resources weakly: the handler keeps the returned priming,
     * so it stays registered as long as the handler lives (the Lambda runtime keeps its one handler).
     */
    static Priming register(JsonHandler<?, ?> handler) {
        Priming priming = new Priming(handler);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime(handler);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the SDK resolves credentials and opens connections at the first call after restore.
    }

    /** What the snapshot should already hold for this handler; calls nothing outside the JVM. */
    static void prime(JsonHandler<?, ?> handler) {
        handler.environment();
        // Logging's configuration (log4j loads its plugins) is half of what a first log line costs.
        org.slf4j.LoggerFactory.getLogger(handler.getClass()).debug("primed");
        JsonHandler.EVENTS.warm(handler.inputType());
        Class<?> declaring = handler.getClass();
        // A handler of a workflow step extends JsonHandler through WorkflowStepHandler.
        while (!(declaring.getGenericSuperclass() instanceof ParameterizedType) && declaring.getSuperclass() != null) {
            declaring = declaring.getSuperclass();
        }
        if (declaring.getGenericSuperclass() instanceof ParameterizedType type
                && type.getActualTypeArguments()[1] instanceof Class<?> result) {
            JsonHandler.JSON.writerFor(result);
            JsonHandler.JSON.canSerialize(result);
        }
    }
}
