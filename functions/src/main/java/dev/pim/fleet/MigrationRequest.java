package dev.pim.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.regex.Pattern;

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

    /** Checks the fields the dispatcher relies on; the message names the one at fault. */
    public MigrationRequest validated() {
        require(requestId, "requestId");
        require(cluster, "cluster");
        require(region, "region");
        require(accountId, "accountId");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("field 'accountId': '" + accountId + "' is not a 12-digit account id");
        }
        return this;
    }

    /**
     * {@code pim-<cluster>-<hash of account, region, cluster and request>}: the same for every copy of a message,
     * different for every cluster and request, within the 80 characters Step Functions allows.
     */
    public String executionName() {
        String readable = NAME_SAFE.matcher(cluster).replaceAll("-");
        String hash = java.util.HexFormat.of().formatHex(sha256(accountId + "/" + region + "/" + cluster + "/" + requestId), 0, 8);
        return "pim-" + (readable.length() > 50 ? readable.substring(0, 50) : readable) + "-" + hash;
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
    }
}
