package dev.pim.local.sts;

import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.state.Credential;
import dev.pim.local.state.RoleState;

/**
 * GetCallerIdentity: the account, ARN and user id of the signing credential. For a role session the user id is
 * {@code <role id>:<session name>}; for an account root it is the account id.
 */
final class CallerIdentityAction {

    private CallerIdentityAction() {
    }

    static QueryResult getCallerIdentity(StsCall call) {
        Credential credential = call.caller().credential();
        String userId = userId(call, credential);
        return QueryResult.of(out -> out
                .text("Arn", credential.principalArn())
                .text("UserId", userId)
                .text("Account", credential.accountId()));
    }

    private static String userId(StsCall call, Credential credential) {
        String principal = credential.principalArn();
        if (!principal.contains(":assumed-role/")) {
            return credential.accountId();
        }
        String session = principal.substring(principal.lastIndexOf('/') + 1);
        String roleId = call.state().roleByArn(credential.roleArn()).map(role -> role.roleId).orElse(null);
        return (roleId == null ? credential.accessKeyId() : roleId) + ":" + session;
    }
}
