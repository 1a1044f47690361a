package dev.pim.migration.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.TrustPolicyRejectedException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * IAM in memory, as the steps rely on it: a trust policy is stored and returned verbatim (a round trip changes no
 * character); UpdateAssumeRolePolicy refuses a missing role, a document that is not JSON and one over the account's
 * quota (counted without whitespace, as IAM counts) with the codes IAM uses; ListRoles returns no tags.
 */
public final class FakeIam implements IamPort {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String accountId;
    private final CallLog log;
    private final Map<String, RoleInfo> roles = new LinkedHashMap<>();
    private final Map<String, List<String>> oidcProviders = new LinkedHashMap<>();
    private final Queue<RuntimeException> updateFailures = new ArrayDeque<>();
    private final Map<String, String> refusing = new LinkedHashMap<>();
    private int quota = 2048;

    public FakeIam(String accountId, CallLog log) {
        this.accountId = accountId;
        this.log = log;
    }

    public synchronized FakeIam role(String name, String trustPolicy) {
        return role(name, trustPolicy, Map.of());
    }

    public synchronized FakeIam role(String name, String trustPolicy, Map<String, String> tags) {
        roles.put(name, new RoleInfo(arn(name), name, "/", trustPolicy, Map.copyOf(tags)));
        return this;
    }

    /** A role deleted (by association management's role port, which tests build over this fake). */
    public synchronized void removeRole(String name) {
        roles.remove(name);
    }

    public synchronized FakeIam oidcProvider(String providerArn, String... clientIds) {
        oidcProviders.put(providerArn, List.of(clientIds));
        return this;
    }

    public synchronized FakeIam quota(int quota) {
        this.quota = quota;
        return this;
    }

    /** The next UpdateAssumeRolePolicy throws this instead of writing (a connection lost before IAM saw it). */
    public synchronized void failNextUpdate(RuntimeException failure) {
        updateFailures.add(failure);
    }

    /** Every UpdateAssumeRolePolicy of this role is refused with this IAM error code (a protected role, say). */
    public synchronized void refuseUpdatesOf(String roleName, String code) {
        refusing.put(roleName, code);
    }

    public String arn(String name) {
        return "arn:aws:iam::" + accountId + ":role/" + name;
    }

    /** The role's trust policy as IAM holds it now. */
    public synchronized String trustPolicy(String name) {
        return Optional.ofNullable(roles.get(name)).map(RoleInfo::trustPolicy)
                .orElseThrow(() -> new AssertionError("no role " + name));
    }

    /** The role by ARN, as EKS looks it up when it checks a role it is given. */
    synchronized Optional<RoleInfo> roleByArn(String roleArn) {
        return roles.values().stream().filter(r -> r.arn().equals(roleArn)).findFirst();
    }

    @Override
    public synchronized Optional<RoleInfo> role(String roleName) {
        return Optional.ofNullable(roles.get(roleName));
    }

    @Override
    public synchronized List<RoleInfo> listRoles() {
        List<RoleInfo> out = new ArrayList<>();
        roles.values().forEach(r -> out.add(new RoleInfo(r.arn(), r.name(), r.path(), r.trustPolicy(), Map.of())));
        return out;
    }

    @Override
    public synchronized void updateTrustPolicy(String roleName, String policyJson) {
        RuntimeException failure = updateFailures.poll();
        if (failure != null) {
            throw failure;
        }
        RoleInfo role = roles.get(roleName);
        if (refusing.containsKey(roleName)) {
            throw new TrustPolicyRejectedException(roleName, refusing.get(roleName), "refused for this role");
        }
        if (role == null) {
            throw new TrustPolicyRejectedException(roleName, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
        }
        try {
            JsonNode parsed = JSON.readTree(policyJson);
            if (parsed == null || !parsed.isObject()) {
                throw new IOException("not a JSON object");
            }
        } catch (IOException e) {
            throw new TrustPolicyRejectedException(roleName, "MalformedPolicyDocument", "Syntax errors in policy.");
        }
        long size = policyJson.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (size > quota) {
            throw new TrustPolicyRejectedException(roleName, "LimitExceeded",
                    "Cannot exceed quota for ACLSizePerRole: " + quota);
        }
        roles.put(roleName, new RoleInfo(role.arn(), role.name(), role.path(), policyJson, role.tags()));
        log.write("iam UpdateAssumeRolePolicy " + roleName);
    }

    @Override
    public synchronized int trustPolicyQuota() {
        return quota;
    }

    @Override
    public synchronized Optional<List<String>> oidcProviderClientIds(String providerArn) {
        return Optional.ofNullable(oidcProviders.get(providerArn));
    }
}
