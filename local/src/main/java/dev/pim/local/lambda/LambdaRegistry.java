package dev.pim.local.lambda;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Java handler implements which Lambda function, filled by the caller (the pipeline's tests, the demo), e.g.
 * {@code arn:aws:lambda:us-west-2:111122223333:function:Preflight} to {@code dev.pim.handler.PreflightHandler}.
 * Like the Lambda runtime (one instance per execution environment), each function's handler is created once, the
 * first time it is invoked: by the factory it was registered with ({@code () -> new PreflightHandler(() -> env)},
 * so one JVM can hold pipelines of different settings), or else with its class's no-arg constructor.
 */
public final class LambdaRegistry {
    /** A function ARN, possibly with a version or alias; or {@code account:function:name}; or a bare name. */
    private static final Pattern FUNCTION = Pattern.compile(
            "(?:arn:aws[a-z-]*:lambda:([a-z0-9-]+):)?(?:(\\d{12}):function:)?([A-Za-z0-9_-]{1,140})(?::([$A-Za-z0-9_-]+))?");
    private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
    private final Map<String, Supplier<?>> factories = new ConcurrentHashMap<>();
    private final Map<String, Object> instances = new ConcurrentHashMap<>();

    /** Registers a function by name or ARN, with the default timeout (15 minutes) and memory. */
    public LambdaRegistry register(String functionNameOrArn, String handlerClass) {
        return register(functionNameOrArn, handlerClass, LambdaFunction.DEFAULT_TIMEOUT);
    }

    public LambdaRegistry register(String functionNameOrArn, Class<?> handlerClass) {
        return register(functionNameOrArn, handlerClass.getName());
    }

    /** Registers a function whose handlers see {@code timeout} as their function timeout in the Context. */
    public LambdaRegistry register(String functionNameOrArn, String handlerClass, Duration timeout) {
        String name = nameOf(functionNameOrArn).orElseThrow(() -> new IllegalArgumentException(
                "not a Lambda function name or ARN: " + functionNameOrArn));
        String arn = functionNameOrArn.startsWith("arn:") ? functionNameOrArn.replaceFirst("(:function:[^:]+):.*$", "$1") : null;
        functions.put(name, new LambdaFunction(name, arn, handlerClass, timeout, LambdaFunction.DEFAULT_MEMORY_MB));
        factories.remove(name);
        instances.remove(name);
        return this;
    }

    /**
     * Registers a function whose handler {@code factory} creates (once, at its first invocation, and again after
     * {@link #recycleInstances()}); {@code handlerClass} is the name its configuration shows.
     */
    public LambdaRegistry register(String functionNameOrArn, String handlerClass, Supplier<?> factory, Duration timeout) {
        register(functionNameOrArn, handlerClass, timeout);
        factories.put(nameOf(functionNameOrArn).orElseThrow(), factory);
        return this;
    }

    /** The function a FunctionName (name, ARN, partial ARN, with or without qualifier) refers to. */
    public Optional<LambdaFunction> find(String functionName) {
        return nameOf(functionName).map(functions::get);
    }

    /** The registered functions, by name. */
    public List<LambdaFunction> functions() {
        return functions.values().stream().sorted(Comparator.comparing(LambdaFunction::name)).toList();
    }

    /** Forgets the handler instances, as if every execution environment were recycled. */
    public void recycleInstances() {
        instances.clear();
    }

    /**
     * The function's handler instance, created on first use (shared by Step Functions tasks and SQS event source
     * mappings, as one function's execution environment would be).
     *
     * @throws RuntimeException when the class cannot be loaded or constructed (an init error)
     */
    public Object handler(LambdaFunction function) {
        return instances.computeIfAbsent(function.name(), name -> {
            Supplier<?> factory = factories.get(name);
            return factory == null ? instantiate(function.handlerClass()) : create(function.handlerClass(), factory);
        });
    }

    static Optional<String> nameOf(String functionName) {
        if (functionName == null) {
            return Optional.empty();
        }
        Matcher m = FUNCTION.matcher(functionName);
        return m.matches() ? Optional.of(m.group(3)) : Optional.empty();
    }

    private static Object create(String className, Supplier<?> factory) {
        try {
            return factory.get();
        } catch (RuntimeException | LinkageError e) {
            throw new HandlerInitException(className, e);
        }
    }

    private static Object instantiate(String className) {
        try {
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(LambdaRegistry.class.getClassLoader());
            return Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new HandlerInitException(className, e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new HandlerInitException(className, e);
        }
    }

    /** The handler class could not be loaded or constructed (Lambda reports this as an init error). */
    public static final class HandlerInitException extends RuntimeException {
        HandlerInitException(String className, Throwable cause) {
            super("cannot create handler " + className + ": " + cause, cause);
        }
    }
}
