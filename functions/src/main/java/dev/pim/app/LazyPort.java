package dev.pim.app;

import software.amazon.awssdk.utils.Lazy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A port whose implementation is built on its first call: a Lambda function that never calls the Kubernetes
 * API (or EKS, or IAM) never builds its client nor loads its classes. A proxy rather than a hand-written
 * delegate per port, so a method added to a port needs nothing here.
 */
final class LazyPort<T> implements InvocationHandler {
    private final Lazy<T> target;

    private LazyPort(Supplier<T> build) {
        this.target = new Lazy<>(build);
    }

    static <T> T of(Class<T> port, Supplier<? extends T> build) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, new LazyPort<T>(build::get)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "lazy " + method.getDeclaringClass().getSimpleName();
            };
        }
        try {
            return method.invoke(target.getValue(), args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
