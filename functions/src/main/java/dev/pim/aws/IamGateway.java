package dev.pim.aws;

import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.RoleAdminPort;
import dev.pim.migration.port.TrustPolicyRejectedException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IamPort} and {@link RoleAdminPort} over the SDK's IAM clients: one for reads, one whose writes are paced
 * ({@link WritePacing}).
 */
public final class IamGateway implements IamPort, RoleAdminPort {
    private final IamClient iam;
    private final IamClient writes;
    private final Backoff backoff;

    public IamGateway(IamClient reads, IamClient writes, Backoff backoff) {
        this.iam = reads;
        this.writes = writes;
        this.backoff = backoff;
    }

    @Override
    public Optional<RoleInfo> role(String roleName) {
        try {
            GetRoleResponse response = backoff.call(() -> iam.getRole(r -> r.roleName(roleName)));
            return Optional.of(toRoleInfo(response.role()));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<RoleInfo> listRoles() {
        // The paginator follows IsTruncated/Marker, so IAM's short pages lose nothing.
        return backoff.call(() -> iam.listRolesPaginator(r -> r.maxItems(1000)).roles().stream()
                .map(IamGateway::toRoleInfo)
                .toList());
    }

    @Override
    public void updateTrustPolicy(String roleName, String policyJson) {
        try {
            backoff.run(() -> writes.updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(policyJson)));
        } catch (IamException e) {
            if (Backoff.isThrottling(e)) {
                throw e;
            }
            throw new TrustPolicyRejectedException(roleName, e.awsErrorDetails().errorCode(),
                    e.awsErrorDetails().errorMessage());
        }
    }

    @Override
    public int trustPolicyQuota() {
        Integer quota = backoff.call(() -> iam.getAccountSummary().summaryMap()
                .get(SummaryKeyType.ASSUME_ROLE_POLICY_SIZE_QUOTA));
        return quota == null ? 2048 : quota;
    }

    @Override
    public java.util.Optional<java.util.List<String>> oidcProviderClientIds(String providerArn) {
        try {
            return java.util.Optional.of(List.copyOf(backoff.call(() -> iam.getOpenIDConnectProvider(r ->
                    r.openIDConnectProviderArn(providerArn))).clientIDList()));
        } catch (NoSuchEntityException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String createRole(String roleName, String trustPolicyJson, String description, String permissionsBoundaryArn,
                             Map<String, String> tags) {
        List<Tag> iamTags = tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                .toList();
        try {
            return backoff.call(() -> writes.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trustPolicyJson)
                    .description(description).permissionsBoundary(permissionsBoundaryArn).tags(iamTags))).role().arn();
        } catch (EntityAlreadyExistsException e) {
            throw new IllegalStateException("role " + roleName + " exists already: " + e.awsErrorDetails().errorMessage());
        }
    }

    @Override
    public void attachRolePolicy(String roleName, String policyArn) {
        backoff.run(() -> writes.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
    }

    @Override
    public void putRolePolicy(String roleName, String policyName, String policyDocument) {
        backoff.run(() -> writes.putRolePolicy(r -> r.roleName(roleName).policyName(policyName)
                .policyDocument(policyDocument)));
    }

    @Override
    public List<String> attachedPolicyArns(String roleName) {
        return backoff.call(() -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies()
                .stream().map(AttachedPolicy::policyArn).toList());
    }

    @Override
    public List<String> inlinePolicyNames(String roleName) {
        return backoff.call(() -> iam.listRolePoliciesPaginator(r -> r.roleName(roleName)).policyNames().stream().toList());
    }

    @Override
    public void detachRolePolicy(String roleName, String policyArn) {
        try {
            backoff.run(() -> writes.detachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn)));
        } catch (NoSuchEntityException e) {
            // already detached
        }
    }

    @Override
    public void deleteRolePolicy(String roleName, String policyName) {
        try {
            backoff.run(() -> writes.deleteRolePolicy(r -> r.roleName(roleName).policyName(policyName)));
        } catch (NoSuchEntityException e) {
            // already deleted
        }
    }

    @Override
    public void deleteRole(String roleName) {
        try {
            backoff.run(() -> writes.deleteRole(r -> r.roleName(roleName)));
        } catch (NoSuchEntityException e) {
            // already deleted
        }
    }

    private static RoleInfo toRoleInfo(Role role) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (role.hasTags()) {
            for (Tag tag : role.tags()) {
                tags.put(tag.key(), tag.value());
            }
        }
        return new RoleInfo(role.arn(), role.roleName(), role.path(), decode(role.assumeRolePolicyDocument()), tags);
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); the SDK does not decode them. */
    static String decode(String document) {
        return document == null ? null : URLDecoder.decode(document, StandardCharsets.UTF_8);
    }
}
