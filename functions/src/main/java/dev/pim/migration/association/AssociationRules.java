package dev.pim.migration.association;

import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * eksctl's rules for one association (its page: roleARN "cannot be used together with" permissionPolicyARNs,
 * permissionPolicy, wellKnownPolicies, and is required without them), plus what AWS would refuse later: names
 * Kubernetes and IAM would not take, malformed ARNs, ARNs of another partition than the cluster's. Checked before
 * any call, each error naming the field where it was given.
 */
public final class AssociationRules {
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SERVICE_ACCOUNT =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_ARN =
            Pattern.compile("arn:(aws[a-z-]*):iam::(aws|\\d{12}):policy/(?:[\\x21-\\x7E]*/)?[\\w+=,.@-]{1,128}");
    private static final int MAX_TAGS = 50;

    private AssociationRules() {
    }

    /**
     * @param partition the cluster's partition: every ARN must be in it
     * @throws AssociationInputException naming the field and the reason
     */
    public static AssociationRequest check(RawAssociation raw, Purpose purpose, String partition, FieldLabels where) {
        ServiceAccountRef serviceAccount = new ServiceAccountRef(
                required(raw.namespace(), "namespace", NAMESPACE, "a Kubernetes namespace name (lower-case letters, "
                        + "digits and '-', at most 63)", where),
                required(raw.serviceAccountName(), "serviceAccountName", SERVICE_ACCOUNT,
                        "a Kubernetes service account name (lower-case letters, digits, '-' and '.')", where));
        if (serviceAccount.name().length() > 253) {
            throw new AssociationInputException(where.of("serviceAccountName"), "longer than 253 characters");
        }
        if (purpose == Purpose.SELECT) {
            return AssociationRequest.of(serviceAccount);
        }
        String roleArn = raw.roleArn() == null ? null : roleArn(raw.roleArn(), partition, where);
        boolean permissions = !raw.permissionPolicyArns().isEmpty() || raw.permissionPolicy() != null
                || !raw.wellKnownPolicies().isEmpty();
        if (purpose == Purpose.UPDATE) {
            requireOnlyRoleArn(raw, roleArn, permissions, where);
        } else if (roleArn != null) {
            refuseWithRoleArn(raw, permissions, where);
        } else if (!permissions) {
            throw new AssociationInputException(where.of(null), "give roleARN (an existing role) or at least one of "
                    + "permissionPolicyARNs, permissionPolicy, wellKnownPolicies (a role is created with them)");
        }
        List<String> policyArns = new ArrayList<>();
        for (int i = 0; i < raw.permissionPolicyArns().size(); i++) {
            policyArns.add(policyArn(raw.permissionPolicyArns().get(i), partition,
                    where.element("permissionPolicyARNs", i)));
        }
        String boundary = raw.permissionsBoundaryArn() == null ? null
                : policyArn(raw.permissionsBoundaryArn(), partition, where.of("permissionsBoundaryARN"));
        if (raw.roleName() != null && !ROLE_NAME.matcher(raw.roleName()).matches()) {
            throw new AssociationInputException(where.of("roleName"), "'" + raw.roleName() + "' is not an IAM role name "
                    + "(1 to 64 of letters, digits and +=,.@_-)");
        }
        checkTags(raw.tags(), where);
        return new AssociationRequest(serviceAccount, roleArn, raw.roleName(), policyArns, raw.permissionPolicy(),
                wellKnown(raw.wellKnownPolicies(), where), boundary, raw.tags());
    }

    /** A namespace given alone (get's filter), checked as an association's namespace is. */
    public static String checkNamespace(String namespace, FieldLabels where) {
        return required(namespace, "namespace", NAMESPACE, "a Kubernetes namespace name (lower-case letters, digits "
                + "and '-', at most 63)", where);
    }

    private static void requireOnlyRoleArn(RawAssociation raw, String roleArn, boolean permissions, FieldLabels where) {
        if (roleArn == null) {
            throw new AssociationInputException(where.of("roleARN"), "is required: update gives existing associations "
                    + "another role");
        }
        if (permissions || raw.roleName() != null || raw.permissionsBoundaryArn() != null) {
            throw new AssociationInputException(where.of(null), "update changes only roleARN; permissionPolicyARNs, "
                    + "permissionPolicy, wellKnownPolicies, roleName and permissionsBoundaryARN describe a role to "
                    + "create: delete the association and create it again to change them");
        }
    }

    private static void refuseWithRoleArn(RawAssociation raw, boolean permissions, FieldLabels where) {
        if (permissions) {
            String other = !raw.permissionPolicyArns().isEmpty() ? "permissionPolicyARNs"
                    : raw.permissionPolicy() != null ? "permissionPolicy" : "wellKnownPolicies";
            throw new AssociationInputException(where.of(other), "cannot be used together with roleARN: roleARN names "
                    + "an existing role, " + other + " describes a role to create; give one or the other");
        }
        if (raw.roleName() != null || raw.permissionsBoundaryArn() != null) {
            String other = raw.roleName() != null ? "roleName" : "permissionsBoundaryARN";
            throw new AssociationInputException(where.of(other), "applies only to a role pim creates, but roleARN "
                    + "names an existing role; give one or the other");
        }
    }

    private static String required(String value, String field, Pattern form, String expected, FieldLabels where) {
        if (value == null || value.isBlank()) {
            throw new AssociationInputException(where.of(field), "is required");
        }
        if (!form.matcher(value).matches()) {
            throw new AssociationInputException(where.of(field), "'" + value + "' is not " + expected);
        }
        return value;
    }

    private static String roleArn(String text, String partition, FieldLabels where) {
        RoleArn arn;
        try {
            arn = RoleArn.parse(text);
        } catch (InvalidRoleArnException e) {
            throw new AssociationInputException(where.of("roleARN"), e.getMessage());
        }
        if (!arn.partition().equals(partition)) {
            throw new AssociationInputException(where.of("roleARN"), "'" + text + "' is in partition " + arn.partition()
                    + ", but the cluster is in " + partition + ": EKS cannot use a role of another partition");
        }
        return arn.toString();
    }

    private static String policyArn(String text, String partition, String where) {
        String arn = text.trim();
        if (!POLICY_ARN.matcher(arn).matches()) {
            throw new AssociationInputException(where, "'" + text + "' is not an IAM policy ARN (arn:" + partition
                    + ":iam::<account id or aws>:policy/<name>)");
        }
        String arnPartition = Partition.ofArn(arn);
        if (!partition.equals(arnPartition)) {
            throw new AssociationInputException(where, "'" + text + "' is in partition " + arnPartition
                    + ", but the cluster is in " + partition);
        }
        return arn;
    }

    private static List<WellKnownPolicy> wellKnown(List<String> names, FieldLabels where) {
        LinkedHashSet<WellKnownPolicy> policies = new LinkedHashSet<>();
        for (String name : names) {
            policies.add(WellKnownPolicy.named(name).orElseThrow(() -> new AssociationInputException(
                    where.element("wellKnownPolicies", name),
                    "'" + name + "' is not a well-known policy (known: " + WellKnownPolicy.names() + ")")));
        }
        return List.copyOf(policies);
    }

    private static void checkTags(Map<String, String> tags, FieldLabels where) {
        if (tags.size() > MAX_TAGS - 1) {
            throw new AssociationInputException(where.of("tags"), tags.size() + " tags: at most " + (MAX_TAGS - 1)
                    + " (IAM allows 50 per role, and pim adds one)");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || tag.getKey().toLowerCase().startsWith("aws:")) {
                throw new AssociationInputException(where.of("tags"), "'" + tag.getKey() + "' is not a tag key (1 to "
                        + "128 characters, not starting with aws:)");
            }
            if (tag.getValue() == null || tag.getValue().length() > 256) {
                throw new AssociationInputException(where.element("tags", tag.getKey()), "a tag value has at most 256 "
                        + "characters");
            }
        }
    }
}
