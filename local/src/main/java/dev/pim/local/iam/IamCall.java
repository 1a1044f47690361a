package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.RoleState;

import java.util.regex.Pattern;

/**
 * One IAM request being served, under the state lock: the state, the caller's account (IAM acts on the
 * account of the credential that signed the request) and the request's parameters.
 */
record IamCall(CloudState state, AccountState account, QueryParams params) {
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");

    /** The {@code RoleName} parameter, checked against IAM's model constraints. */
    String roleName() {
        String name = params.required("RoleName");
        Constraints.length("RoleName", name, 1, 64);
        return Constraints.pattern("RoleName", name, ROLE_NAME, "[\\w+=,.@-]+");
    }

    /** The role {@code RoleName} names in the caller's account. */
    RoleState role() {
        String name = roleName();
        return account.role(name).orElseThrow(() -> IamErrors.noSuchRole(name));
    }

    /** The role {@code RoleName} names, refusing service-linked and IAM Identity Center roles as IAM does. */
    RoleState modifiableRole() {
        RoleState role = role();
        if (role.unmodifiable()) {
            throw IamErrors.unmodifiable(role.name);
        }
        return role;
    }
}
