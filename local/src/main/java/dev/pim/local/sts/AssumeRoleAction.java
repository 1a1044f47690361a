package dev.pim.local.sts;

import dev.pim.local.iam.TagRules;
import dev.pim.local.iam.TrustPolicies;
import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.server.ApiError;
import dev.pim.local.state.Credential;
import dev.pim.local.state.Ids;
import dev.pim.local.state.RoleState;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * AssumeRole: the target role (in any account) must exist and its trust policy must let the caller assume it
 * (and tag the session, when session tags are passed). The temporary credentials it issues are registered so
 * that later calls signed with them act as the role session, until they expire on the emulator's clock.
 */
final class AssumeRoleAction {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final int DEFAULT_DURATION = 3600;
    /** Sessions assumed with role-session credentials (role chaining) last an hour at most. */
    private static final int CHAINED_SESSION_LIMIT = 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AssumeRoleAction() {
    }

    static QueryResult assumeRole(StsCall call) {
        QueryParams params = call.params();
        String roleArn = Constraints.length("RoleArn", params.required("RoleArn"), 20, 2048);
        String session = sessionName(params.required("RoleSessionName"));
        int duration = params.integer("DurationSeconds")
                .map(n -> Constraints.range("DurationSeconds", n, 900, 43200)).orElse(DEFAULT_DURATION);
        params.optional("ExternalId").ifPresent(AssumeRoleAction::checkExternalId);
        boolean tagged = !TagRules.tags(params, "Tags").isEmpty();
        RoleState role = call.state().roleByArn(roleArn).orElseThrow(() -> accessDenied(call, "sts:AssumeRole", roleArn));
        Map<String, List<String>> keys = new TreeMap<>();
        params.optional("ExternalId").ifPresent(id -> keys.put("sts:ExternalId", List.of(id)));
        params.optional("SourceIdentity").ifPresent(id -> keys.put("sts:SourceIdentity", List.of(id)));
        keys.put("sts:RoleSessionName", List.of(session));
        requireTrust(call, role, "sts:AssumeRole", keys);
        if (tagged) {
            requireTrust(call, role, "sts:TagSession", keys);
        }
        checkDuration(call, role, duration);
        Credential issued = issue(call, role, session, duration);
        return QueryResult.of(out -> {
            out.start("Credentials")
                    .text("AccessKeyId", issued.accessKeyId())
                    .text("SecretAccessKey", issued.secretAccessKey())
                    .text("SessionToken", issued.sessionToken())
                    .timestamp("Expiration", issued.expiresAt())
                    .end();
            out.start("AssumedRoleUser")
                    .text("AssumedRoleId", role.roleId + ":" + session)
                    .text("Arn", issued.principalArn())
                    .end();
            params.optional("SourceIdentity").ifPresent(identity -> out.text("SourceIdentity", identity));
        });
    }

    private static Credential issue(StsCall call, RoleState role, String session, int durationSeconds) {
        Instant expiry = call.state().now().plus(Duration.ofSeconds(durationSeconds)).truncatedTo(ChronoUnit.SECONDS);
        String principal = "arn:aws:sts::" + role.accountId + ":assumed-role/" + role.name + "/" + session;
        Credential credential = new Credential(Ids.iamUniqueId("ASIA"), Ids.secret(), sessionToken(), role.accountId,
                principal, role.arn(), expiry);
        call.state().credentials.put(credential.accessKeyId(), credential);
        return credential;
    }

    private static void requireTrust(StsCall call, RoleState role, String action, Map<String, List<String>> keys) {
        Credential caller = call.caller().credential();
        if (!TrustPolicies.allowsAws(role.trustPolicy, caller.principalArn(), caller.roleArn(), action, keys)) {
            throw accessDenied(call, action, role.arn());
        }
    }

    private static void checkDuration(StsCall call, RoleState role, int duration) {
        if (duration > role.maxSessionDuration) {
            throw Constraints.validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        if (call.caller().credential().principalArn().contains(":assumed-role/") && duration > CHAINED_SESSION_LIMIT) {
            throw Constraints.validationError(
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
    }

    private static ApiError accessDenied(StsCall call, String action, String resource) {
        return ApiError.of("AccessDenied", 403, "User: " + call.caller().credential().principalArn()
                + " is not authorized to perform: " + action + " on resource: " + resource);
    }

    private static String sessionName(String name) {
        Constraints.length("RoleSessionName", name, 2, 64);
        return Constraints.pattern("RoleSessionName", name, SESSION_NAME, "[\\w+=,.@-]*");
    }

    private static void checkExternalId(String externalId) {
        Constraints.length("ExternalId", externalId, 2, 1224);
        Constraints.pattern("ExternalId", externalId, EXTERNAL_ID, "[\\w+=,.@:\\/-]*");
    }

    /** An opaque token of the length real session tokens have, so clients that store or log it see a real shape. */
    private static String sessionToken() {
        byte[] bytes = new byte[264];
        RANDOM.nextBytes(bytes);
        return "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(bytes);
    }
}
