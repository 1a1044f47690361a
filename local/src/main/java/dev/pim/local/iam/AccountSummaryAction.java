package dev.pim.local.iam;

import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.state.AccountState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetAccountSummary: the account's IAM usage and quotas. Tools read {@code AssumeRolePolicySizeQuota} from it
 * to know how long a trust policy may grow. Keys are those of IAM's {@code summaryKeyType}; OIDC (and SAML)
 * providers are counted together as {@code Providers}, as IAM does.
 */
final class AccountSummaryAction {

    private AccountSummaryAction() {
    }

    static QueryResult getAccountSummary(IamCall call) {
        Map<String, Integer> summary = summary(call.account());
        return QueryResult.of(out -> {
            out.start("SummaryMap");
            summary.forEach((key, value) -> out.start("entry").text("key", key).text("value", value).end());
            out.end();
        });
    }

    private static Map<String, Integer> summary(AccountState account) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("Roles", account.rolesInListingOrder().size());
        summary.put("RolesQuota", RoleActions.ROLES_QUOTA);
        summary.put("AssumeRolePolicySizeQuota", account.assumeRolePolicySizeQuota);
        summary.put("RolePolicySizeQuota", 10240);
        summary.put("AttachedPoliciesPerRoleQuota", RolePolicyActions.ATTACHED_POLICIES_QUOTA);
        summary.put("Providers", account.oidcProviders.size());
        summary.put("Policies", 0);
        summary.put("PoliciesQuota", 1500);
        summary.put("PolicySizeQuota", 6144);
        summary.put("PolicyVersionsInUse", 0);
        summary.put("PolicyVersionsInUseQuota", 10000);
        summary.put("VersionsPerPolicyQuota", 5);
        summary.put("Users", 0);
        summary.put("UsersQuota", 5000);
        summary.put("Groups", 0);
        summary.put("GroupsQuota", 300);
        summary.put("InstanceProfiles", 0);
        summary.put("InstanceProfilesQuota", 1000);
        summary.put("AccountMFAEnabled", 0);
        summary.put("GlobalEndpointTokenVersion", 1);
        return summary;
    }
}
