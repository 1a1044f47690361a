package dev.pim.local.sts;

import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.iam.query.QueryProtocol;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.CloudState;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The emulated STS (query protocol, XML answers, API version 2011-06-15): GetCallerIdentity and AssumeRole.
 * AssumeRole counts as mutating: it registers the credentials it issues.
 */
public final class StsService implements EmulatedService {
    private static final QueryProtocol PROTOCOL =
            new QueryProtocol("https://sts.amazonaws.com/doc/2011-06-15/", "2011-06-15", "InternalFailure");

    private record StsAction(boolean mutating, Function<StsCall, QueryResult> run) {
    }

    private static final Map<String, StsAction> ACTIONS = Map.of(
            "GetCallerIdentity", new StsAction(false, CallerIdentityAction::getCallerIdentity),
            "AssumeRole", new StsAction(true, AssumeRoleAction::assumeRole));

    private final Supplier<CloudState> state;

    public StsService(Supplier<CloudState> state) {
        this.state = state;
    }

    @Override
    public Operation route(HttpRequest request) {
        QueryParams params = QueryParams.of(request);
        String name = PROTOCOL.action(params, ACTIONS.keySet());
        StsAction action = ACTIONS.get(name);
        return new Operation("sts", name, action.mutating(), () -> serve(name, action, params, request));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return PROTOCOL.error(error);
    }

    private HttpResponse serve(String name, StsAction action, QueryParams params, HttpRequest request) {
        CloudState current = state.get();
        StsCall call = new StsCall(current, AwsCaller.resolve(current, request), params);
        return PROTOCOL.success(name, action.run().apply(call));
    }
}
