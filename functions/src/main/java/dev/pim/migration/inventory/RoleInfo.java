package dev.pim.migration.inventory;

import java.util.Map;

/**
 * An IAM role as the migration needs it.
 *
 * @param trustPolicy the trust policy as JSON text (already URL-decoded)
 * @param tags        may be empty when the role came from ListRoles, which returns no tags
 */
public record RoleInfo(String arn, String name, String path, String trustPolicy, Map<String, String> tags) {

    /** CloudFormation tags its resources; a stack update would revert a change made directly in IAM. */
    public String cloudFormationStack() {
        return tags.get("aws:cloudformation:stack-name");
    }
}
