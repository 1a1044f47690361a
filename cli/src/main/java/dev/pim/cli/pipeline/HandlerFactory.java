package dev.pim.cli.pipeline;

import dev.pim.handler.HandlerEnvironment;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/**
 * Creates a handler named by {@code template.yaml} over a given environment, through the constructor every handler
 * has for it ({@code XHandler(Supplier<HandlerEnvironment>)}): {@code () -> new XHandler(() -> env)}, with the
 * class taken from the template so a new function needs nothing here.
 */
final class HandlerFactory {

    private HandlerFactory() {
    }

    static Supplier<Object> of(String handlerClass, Supplier<HandlerEnvironment> environment) {
        return () -> {
            try {
                return Class.forName(handlerClass).getConstructor(Supplier.class).newInstance(environment);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(handlerClass + " has no constructor " + handlerClass
                        .substring(handlerClass.lastIndexOf('.') + 1) + "(Supplier<HandlerEnvironment>)", e);
            }
        };
    }
}
