package dev.pim.local.state;

import java.time.Instant;

/**
 * An access key the emulator accepts, and who it belongs to.
 *
 * @param principalArn the identity STS reports for it: an IAM role ARN for fixture keys, an
 *                     {@code assumed-role} ARN for keys that AssumeRole issued
 * @param roleArn      the IAM role behind the principal (what EKS access entries name), or null for a root/user
 * @param expiresAt    null for long-lived keys
 */
public record Credential(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                         String principalArn, String roleArn, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }
}
