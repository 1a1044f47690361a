package dev.pim.local.lambdaapi;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.server.SigningScope;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Lambda API on the local cloud's endpoint (requests signed for {@code lambda}, rest-json): Invoke, GetFunction
 * and ListFunctions. No operation holds the state lock: the functions are in-process handlers, not emulator state,
 * and a handler Invoke runs calls the local cloud itself.
 */
final class LambdaService implements EmulatedService {
    static final String SIGNING_NAME = "lambda";
    private static final String API_VERSION = "2015-03-31";
    /** The region of a request whose signature names none (it cannot reach this service unsigned). */
    private static final String DEFAULT_REGION = "us-east-1";

    private final Consumer<HttpRequest> authenticator;
    private final InvokeOperation invoke;
    private final FunctionConfigurations configurations;

    /** @param authenticator refuses a request whose access key the local cloud does not accept (throws ApiError) */
    LambdaService(Consumer<HttpRequest> authenticator, InvokeOperation invoke, FunctionConfigurations configurations) {
        this.authenticator = authenticator;
        this.invoke = invoke;
        this.configurations = configurations;
    }

    @Override
    public Operation route(HttpRequest request) {
        List<String> path = request.segments();
        String region = SigningScope.of(request).map(SigningScope::region).orElse(DEFAULT_REGION);
        if (path.size() >= 2 && path.get(0).equals(API_VERSION) && path.get(1).equals("functions")) {
            String method = request.method();
            if (path.size() == 2 && method.equals("GET")) {
                return operation("ListFunctions", false, request, () -> configurations.list(request, region));
            }
            if (path.size() == 3 && method.equals("GET")) {
                return operation("GetFunction", false, request, () -> configurations.get(request, path.get(2), region));
            }
            if (path.size() == 4 && method.equals("POST") && path.get(3).equals("invocations")) {
                return operation("Invoke", true, request, () -> invoke.invoke(request, path.get(2), region));
            }
        }
        throw LambdaErrors.unknownOperation(request.method(), request.rawPath());
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return LambdaErrors.render(error);
    }

    private Operation operation(String name, boolean mutating, HttpRequest request, Operation.Handler handler) {
        return Operation.withoutStateLock(SIGNING_NAME, name, mutating, () -> {
            try {
                authenticator.accept(request);
            } catch (ApiError refusal) {
                throw LambdaErrors.authentication(refusal);
            }
            return handler.handle();
        });
    }
}
