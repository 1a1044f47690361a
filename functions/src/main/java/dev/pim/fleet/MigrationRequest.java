package dev.pim.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One message on the migration queue: migrate this cluster. The dispatcher turns it into an execution of the
 * cluster state machine whose name is derived from it, so a duplicate message cannot start a second one.
 *
 * @param requestId     the scan (or event) that asked, part of the execution name
 * @param assumeRoleArn the role to act as in a member account, or null in the pipeline's own account
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationRequest(String requestId, String accountId, String region, String cluster, String assumeRoleArn,
                               Boolean approve, Boolean restartWorkloads, Boolean removeIrsaAnnotation,
                               Boolean removeOidcTrust, Integer maxConcurrency) {
    private static final Pattern NAME_SAFE = Pattern.compile("[^A-Za-z0-9_-]");
    /** What the state machine's input takes (its Map state's MaxConcurrency). */
    private static final int MAX_CONCURRENCY = 40;

    /**
     * Checks every field as the execution's first state would, so that a request it would refuse starts no
     * execution; the message names the field at fault and why.
     */
    public MigrationRequest validated() {
        require(requestId, "requestId");
        require(cluster, "cluster");
        require(region, "region");
        require(accountId, "accountId");
        if (!ClusterRef.isAccountId(accountId)) {
            throw new IllegalArgumentException("field 'accountId': '" + accountId + "' is not a 12-digit account id");
        }
        if (!ClusterRef.isRegion(region)) {
            throw new IllegalArgumentException("field 'region': '" + region + "' is not a region such as us-west-2");
        }
        if (!ClusterRef.isClusterName(cluster)) {
            throw new IllegalArgumentException("field 'cluster': '" + cluster + "' is not an EKS cluster name");
        }
        if (assumeRoleArn != null) {
            RoleArn role;
            try {
                role = RoleArn.parse(assumeRoleArn);
            } catch (InvalidRoleArnException e) {
                throw new IllegalArgumentException("field 'assumeRoleArn': " + e.getMessage(), e);
            }
            if (!role.accountId().equals(accountId)) {
                throw new IllegalArgumentException("field 'assumeRoleArn': role " + assumeRoleArn + " is in account "
                        + role.accountId() + ", but 'accountId' is " + accountId);
            }
        }
        if (maxConcurrency != null && (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY)) {
            throw new IllegalArgumentException("field 'maxConcurrency' must be within 1.." + MAX_CONCURRENCY + ", got " + maxConcurrency);
        }
        if (!Boolean.TRUE.equals(approve) && Stream.of(restartWorkloads, removeIrsaAnnotation, removeOidcTrust).anyMatch(Boolean.TRUE::equals)) {
            throw new IllegalArgumentException("fields 'restartWorkloads', 'removeIrsaAnnotation' and 'removeOidcTrust' change "
                    + "the cluster: they need 'approve': true");
        }
        return this;
    }

    /**
     * {@code pim-<cluster>-<hash of account, region, cluster and request>}: the same for every copy of a message,
     * different for every cluster and request, within the 80 characters Step Functions allows.
     */
    public String executionName() {
        String readable = NAME_SAFE.matcher(cluster).replaceAll("-");
        String hash = HexFormat.of().formatHex(sha256(accountId + "/" + region + "/" + cluster + "/" + requestId), 0, 8);
        return "pim-" + (readable.length() > 50 ? readable.substring(0, 50) : readable) + "-" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
    }
}
