package dev.pim.migration.inventory;

import dev.pim.migration.WorkloadRef;

import java.util.Set;

/**
 * A running pod and the credential environment its containers were given.
 *
 * @param owner      the workload that owns it, or null for a bare pod
 * @param envNames   every environment variable name set in any container
 * @param createdAt  ISO-8601 creation time
 */
public record PodInfo(String namespace, String name, String serviceAccount, String nodeName, String phase,
                      WorkloadRef owner, Set<String> envNames, String createdAt) {

    public boolean hasPodIdentityEnvironment() {
        return envNames.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                && envNames.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    }

    public boolean hasIrsaEnvironment() {
        return envNames.contains("AWS_ROLE_ARN") || envNames.contains("AWS_WEB_IDENTITY_TOKEN_FILE");
    }
}
