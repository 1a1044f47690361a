package dev.pim.local.iam;

import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.iam.query.QueryProtocol;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.CloudState;

import java.util.Map;
import java.util.function.Supplier;

import static java.util.Map.entry;

/**
 * The emulated IAM (query protocol, XML answers, API version 2010-05-08): roles and their trust policies,
 * tags and attached policies, OpenID Connect providers and the account summary. Every operation acts on the
 * account of the credential that signed the request.
 */
public final class IamService implements EmulatedService {
    static final QueryProtocol PROTOCOL =
            new QueryProtocol("https://iam.amazonaws.com/doc/2010-05-08/", "2010-05-08", "ServiceFailure");
    private static final Map<String, IamAction> ACTIONS = Map.ofEntries(
            entry("CreateRole", IamAction.write(RoleActions::createRole)),
            entry("GetRole", IamAction.read(RoleActions::getRole)),
            entry("ListRoles", IamAction.read(RoleActions::listRoles)),
            entry("UpdateAssumeRolePolicy", IamAction.write(RoleActions::updateAssumeRolePolicy)),
            entry("DeleteRole", IamAction.write(RoleActions::deleteRole)),
            entry("TagRole", IamAction.write(RoleTagActions::tagRole)),
            entry("UntagRole", IamAction.write(RoleTagActions::untagRole)),
            entry("ListRoleTags", IamAction.read(RoleTagActions::listRoleTags)),
            entry("AttachRolePolicy", IamAction.write(RolePolicyActions::attachRolePolicy)),
            entry("DetachRolePolicy", IamAction.write(RolePolicyActions::detachRolePolicy)),
            entry("ListAttachedRolePolicies", IamAction.read(RolePolicyActions::listAttachedRolePolicies)),
            entry("PutRolePolicy", IamAction.write(InlinePolicyActions::putRolePolicy)),
            entry("GetRolePolicy", IamAction.read(InlinePolicyActions::getRolePolicy)),
            entry("ListRolePolicies", IamAction.read(InlinePolicyActions::listRolePolicies)),
            entry("DeleteRolePolicy", IamAction.write(InlinePolicyActions::deleteRolePolicy)),
            entry("CreateOpenIDConnectProvider", IamAction.write(OidcProviderActions::create)),
            entry("GetOpenIDConnectProvider", IamAction.read(OidcProviderActions::get)),
            entry("ListOpenIDConnectProviders", IamAction.read(OidcProviderActions::list)),
            entry("DeleteOpenIDConnectProvider", IamAction.write(OidcProviderActions::delete)),
            entry("GetAccountSummary", IamAction.read(AccountSummaryAction::getAccountSummary)));

    private final Supplier<CloudState> state;

    public IamService(Supplier<CloudState> state) {
        this.state = state;
    }

    @Override
    public Operation route(HttpRequest request) {
        QueryParams params = QueryParams.of(request);
        String name = PROTOCOL.action(params, ACTIONS.keySet());
        IamAction action = ACTIONS.get(name);
        return new Operation("iam", name, action.mutating(), () -> serve(name, action, params, request));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return PROTOCOL.error(error);
    }

    private HttpResponse serve(String name, IamAction action, QueryParams params, HttpRequest request) {
        CloudState current = state.get();
        AwsCaller caller = AwsCaller.resolve(current, request);
        IamCall call = new IamCall(current, current.account(caller.accountId()), params);
        return PROTOCOL.success(name, action.run().apply(call));
    }
}
