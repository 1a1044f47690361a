package dev.pim.local.eks;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.CloudState;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The local EKS control plane (rest-json, API 2017-11-01): clusters, node groups and Fargate profiles as the
 * fixture made them, add-ons with their lifecycle, Pod Identity associations and access entries.
 * A path no operation serves gets 404 {@code UnknownOperationException}, the answer of AWS's API
 * Gateway-fronted rest-json services.
 */
public final class EksService implements EmulatedService {
    private final Supplier<CloudState> state;
    private final List<EksRoute> routes;

    public EksService(Supplier<CloudState> state) {
        this.state = state;
        this.routes = EksRoutes.all();
    }

    @Override
    public Operation route(HttpRequest request) {
        for (EksRoute route : routes) {
            Optional<Map<String, String>> labels = route.match(request.method(), request.segments());
            if (labels.isPresent()) {
                return new Operation("eks", route.operation(), route.mutating(),
                        () -> serve(route, request, labels.get()));
            }
        }
        throw EksErrors.unknownOperation(request.method(), String.join("/", request.segments()));
    }

    private HttpResponse serve(EksRoute route, HttpRequest request, Map<String, String> labels) {
        EksCall call = new EksCall(state.get(), request, labels);
        return HttpResponse.json(200, route.handler().handle(call).toString());
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return EksErrors.render(error);
    }
}
