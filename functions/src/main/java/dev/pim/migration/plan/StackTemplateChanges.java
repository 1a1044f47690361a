package dev.pim.migration.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * For each role a CloudFormation stack owns whose trust the run changes: the change to make in the stack's template
 * (the role's {@code AssumeRolePolicyDocument} after the run, as a YAML fragment under the role's logical id), since
 * the next stack update would otherwise put the old trust back.
 */
final class StackTemplateChanges {
    static final String LOGICAL_ID_TAG = "aws:cloudformation:logical-id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StackTemplateChanges() {
    }

    /** One plan warning per such role, each with the fragment to paste. */
    static List<String> warnings(ClusterInventory inventory, List<RolePlan> roles) {
        List<String> out = new ArrayList<>();
        for (RolePlan plan : roles) {
            RoleInfo role = inventory.roles().get(plan.roleArn());
            String after = plan.trustAfterCleanup() != null ? plan.trustAfterCleanup() : plan.trustAfter();
            boolean changes = plan.trustChanges() || plan.trustAfterCleanup() != null;
            if (role == null || role.cloudFormationStack() == null || plan.refused() || after == null || !changes) {
                continue;
            }
            String logicalId = role.tags().get(LOGICAL_ID_TAG);
            out.add("template change for role " + role.name() + " of CloudFormation stack " + role.cloudFormationStack()
                    + ": give " + (logicalId != null ? "resource " + logicalId : "the role's resource (the stack did not "
                    + "tag its logical id)") + " this AssumeRolePolicyDocument before the next stack update:\n"
                    + fragment(logicalId != null ? logicalId : "RoleLogicalId", after));
        }
        return out;
    }

    /** The policy as indented JSON, which YAML reads as a flow mapping: the document exactly, in either syntax. */
    static String fragment(String logicalId, String policyJson) {
        String document;
        try {
            document = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(policyJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the planned trust policy is not JSON: " + e.getOriginalMessage(), e);
        }
        StringBuilder out = new StringBuilder("Resources:\n  ").append(logicalId).append(":\n")
                .append("    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:");
        document.lines().forEach(line -> out.append("\n        ").append(line));
        return out.toString();
    }
}
