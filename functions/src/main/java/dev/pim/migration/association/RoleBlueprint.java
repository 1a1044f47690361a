package dev.pim.migration.association;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A role to create: its trust policy (the Pod Identity statement), what it is granted, its boundary and tags
 * (the user's plus {@link CreatedRoleTag}).
 */
public record RoleBlueprint(String name, String trustPolicy, String description, PolicyGrants grants,
                            String permissionsBoundaryArn, Map<String, String> tags) {

    public RoleBlueprint {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** What the plan prints for it. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("create IAM role \"" + name + "\" trusting pods.eks.amazonaws.com (sts:AssumeRole, sts:TagSession)");
        grants.managedPolicyArns().forEach(arn -> lines.add("  attach managed policy " + arn));
        grants.inlinePolicies().keySet().forEach(policy -> lines.add("  put inline policy " + policy));
        if (permissionsBoundaryArn != null) {
            lines.add("  permissions boundary " + permissionsBoundaryArn);
        }
        lines.add("  tags " + tags);
        return lines;
    }
}
