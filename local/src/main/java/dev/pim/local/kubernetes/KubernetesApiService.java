package dev.pim.local.kubernetes;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.CloudState;

import java.util.function.Supplier;

/** Placeholder until the service is implemented. */
public final class KubernetesApiService implements EmulatedService {
    private final Supplier<CloudState> state;

    public KubernetesApiService(Supplier<CloudState> state) {
        this.state = state;
    }

    @Override
    public Operation route(HttpRequest request) {
        throw ApiError.of("NotImplemented", 501, "not implemented yet");
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return HttpResponse.json(error.status() == 0 ? 500 : error.status(), "{\"message\":\"" + error.getMessage() + "\"}");
    }
}
