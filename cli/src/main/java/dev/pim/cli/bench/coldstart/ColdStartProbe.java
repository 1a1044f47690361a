package dev.pim.cli.bench.coldstart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for the Lambda Java runtime in a fresh JVM: reads the event file, instantiates the handler, calls
 * {@code handleRequest} once with a minimal {@code Context}, and prints one line: {@value #MARKER} and a JSON object
 * with the milliseconds from JVM start to the response, the classes loaded by then, the response and the error.
 * JDK only (the package under test brings the Lambda interfaces), so it adds nothing to what it measures.
 *
 * <p>Arguments: the handler class, the event file.
 */
public final class ColdStartProbe {
    public static final String MARKER = "PIM-COLD-START ";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        String error = null;
        try {
            Class<?> type = Class.forName(args[0]);
            Object handler = type.getConstructor().newInstance();
            Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
            Method handle = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            handle.invoke(handler, new ByteArrayInputStream(event), response, stub(contextType, type.getSimpleName()));
        } catch (InvocationTargetException e) {
            error = causes(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            error = causes(e);
        }
        long end = System.currentTimeMillis();
        long millis = end - ManagementFactory.getRuntimeMXBean().getStartTime();
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        System.out.println(MARKER + "{\"millis\":" + millis + ",\"classes\":" + classes + ",\"response\":"
                + quote(response.toString(StandardCharsets.UTF_8)) + ",\"error\":" + (error == null ? "null" : quote(error)) + "}");
        System.out.flush();
        // As after a Lambda invocation, whatever threads the handler left do not keep the JVM alive.
        System.exit(0);
    }

    /** A Context (and the LambdaLogger it hands out) answering what a handler asks at its first invocation. */
    private static Object stub(Class<?> type, String functionName) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getAwsRequestId":
                    return "cold-start-probe";
                case "getFunctionName":
                    return functionName;
                case "getFunctionVersion":
                    return "$LATEST";
                case "getInvokedFunctionArn":
                    return "arn:aws:lambda:us-west-2:111122223333:function:" + functionName;
                case "getRemainingTimeInMillis":
                    return 900_000;
                case "getMemoryLimitInMB":
                    return 1024;
                case "log":
                    System.err.println(args[0] instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : args[0]);
                    return null;
                case "toString":
                    return "stub " + type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    Class<?> returns = method.getReturnType();
                    return returns.isInterface() && returns.getName().startsWith("com.amazonaws.services.lambda.runtime.")
                            ? stub(returns, functionName) : null;
            }
        });
    }

    /** The error and its causes: a wrapper's message alone ("An error has occurred") rarely says what failed. */
    private static String causes(Throwable error) {
        StringBuilder out = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append(" <- ").append(cause);
        }
        return out.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
