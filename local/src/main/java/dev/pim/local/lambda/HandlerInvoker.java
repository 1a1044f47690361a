package dev.pim.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Calls a handler object with an event the way the Lambda Java runtime does, serializers included: a
 * {@link RequestStreamHandler} gets the event's JSON bytes; a {@link RequestHandler} gets it read into its input
 * type (from its generic signature) by the runtime's serializer for that type, which for the Lambda event classes
 * ({@code SQSEvent}...) knows their JSON names, and its output is written back the same way. Shared by the SQS
 * event source mappings and the Lambda API's {@code Invoke}.
 */
public final class HandlerInvoker {

    private HandlerInvoker() {
    }

    /**
     * One invocation of a registered function, as Lambda runs it: the function's environment is set for
     * {@code region} first (its handler's constructor builds its SDK clients from it), then its handler instance is
     * created if this is the first invocation, then it is called with the event. A handler that cannot be created
     * ends as {@link InvocationResult.Threw} with a {@link LambdaRegistry.HandlerInitException}.
     */
    public static InvocationResult invoke(LambdaRegistry functions, LambdaFunction function,
                                          LambdaEnvironment environment, String region, byte[] event, Context context) {
        environment.apply(region);
        Object handler;
        try {
            handler = functions.handler(function);
        } catch (RuntimeException e) {
            return new InvocationResult.Threw(e);
        }
        return invoke(handler, event, context);
    }

    /** Calls a handler object with the event's JSON bytes. */
    public static InvocationResult invoke(Object handler, byte[] event, Context context) {
        try {
            if (handler instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
                return new InvocationResult.Returned(out.toByteArray());
            }
            if (handler instanceof RequestHandler<?, ?> typed) {
                return new InvocationResult.Returned(invokeTyped(typed, event, context));
            }
            return new InvocationResult.Threw(new IllegalStateException("Class " + handler.getClass().getName()
                    + " does not implement RequestHandler or RequestStreamHandler"));
        } catch (IOException | RuntimeException | Error e) {
            return new InvocationResult.Threw(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] invokeTyped(RequestHandler handler, byte[] event, Context context) {
        Object input = serializerFor(inputType(handler), handler.getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(event));
        Object output = handler.handleRequest(input, context);
        if (output == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((PojoSerializer) serializerFor(output.getClass(), handler.getClass().getClassLoader())).toJson(output, out);
        return out.toByteArray();
    }

    private static Class<?> inputType(RequestHandler<?, ?> handler) {
        JavaType[] types = TypeFactory.defaultInstance().constructType(handler.getClass())
                .findTypeParameters(RequestHandler.class);
        return types.length == 2 ? types[0].getRawClass() : Object.class;
    }

    private static PojoSerializer<?> serializerFor(Class<?> type, ClassLoader loader) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, loader)
                : JacksonFactory.getInstance().getSerializer(type);
    }

    /** For log lines: the response as text. */
    static String text(byte[] response) {
        return response == null ? "null" : new String(response, StandardCharsets.UTF_8);
    }
}
