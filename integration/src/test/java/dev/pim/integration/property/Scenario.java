package dev.pim.integration.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A generated cluster, as a fixture of the local cloud: service accounts (annotated or not, well or badly), their
 * workloads, roles whose trust policies take every shape IAM accepts, maybe an add-on on IRSA, an association that
 * already exists, the agent installed or not. Rendered as fixture YAML, which is also what a failing case is saved as.
 *
 * @param association a service account (by index) already associated with a role (by index), if any
 * @param addonRole   the role (by index) the vpc-cni add-on uses through IRSA, if the add-on is there
 */
public record Scenario(List<ServiceAccount> serviceAccounts, List<Role> roles, boolean agentInstalled,
                       Optional<Integer> addonRole, Optional<int[]> association) {
    public static final String ACCOUNT = "111122223333";
    public static final String CLUSTER = "generated";
    public static final String ISSUER_ID = "6E6E6E6E6E6E6E6E6E6E6E6E6E6E6E6E";
    public static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/" + ISSUER_ID;
    public static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER;
    static final String OTHER_ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/0THER0C1U57ER0000000000000000000";
    static final String GITHUB = "token.actions.githubusercontent.com";

    /** How a service account is annotated. */
    public enum Annotation { NONE, ROLE, MALFORMED, OTHER_PARTITION, MISSING_ROLE, CROSS_ACCOUNT, PADDED }

    /**
     * @param role      the role (by index) of a {@link Annotation#ROLE} annotation
     * @param replicas  of its Deployment; 0 for none
     * @param audience  a non-default IRSA audience annotation, or null
     * @param webhookSettings also the webhook's token-expiration and sts-regional-endpoints annotations (removed with
     *                  role-arn, restored by rollback)
     */
    public record ServiceAccount(String namespace, String name, Annotation annotation, int role, int replicas,
                                 String audience, boolean webhookSettings) {
        String ref() {
            return namespace + "/" + name;
        }

        String subject() {
            return "system:serviceaccount:" + namespace + ":" + name;
        }
    }

    /**
     * One trust statement's shape; subjects are service-account indexes (-1 names one that does not exist). The shapes
     * from {@link #KEY_CASE} on are the ways of writing the same trust that IAM accepts and people write, but that a
     * reader keyed on the usual spelling can miss (see {@link TrustStatements}); {@link #variants()} lists them.
     */
    public enum Shape {
        EXACT, SUB_ONLY, AUDIENCE_ONLY, NO_CONDITION, PATTERN, FOR_ANY_VALUE, WRONG_AUDIENCE, NOT_EQUALS,
        OTHER_CLUSTER, GITHUB, DENY_PODS, DENY_INSECURE, DENY_SUBJECT, POD_IDENTITY, POD_IDENTITY_PARTIAL,
        POD_IDENTITY_SCOPED, EC2,
        KEY_CASE, IGNORE_CASE, LIKE_LITERAL, LIKE_ONE_CHARACTER, AUDIENCE_LIST, FOR_ALL_VALUES_LIKE, FOR_ANY_VALUE_LIKE,
        IF_EXISTS, WITH_TAG_SESSION, DENY_NAMESPACE, DENY_NOT_PRINCIPAL, DENY_NOT_ACTION, PODS_NOT_ACTION;

        static List<Shape> classic() {
            return List.of(values()).subList(0, KEY_CASE.ordinal());
        }

        static List<Shape> variants() {
            return List.of(values()).subList(KEY_CASE.ordinal(), values().length);
        }
    }

    /** The policy's {@code Version}: IAM takes both dates, and a policy without one is read as 2008-10-17. */
    public enum PolicyVersion {
        CURRENT("2012-10-17"), OLD("2008-10-17"), ABSENT(null);

        final String text;

        PolicyVersion(String text) {
            this.text = text;
        }
    }

    /**
     * @param principalList write the principal as a list
     * @param actionList    write the action as a list (or as a wildcard, for web identity)
     */
    public record Statement(Shape shape, List<Integer> subjects, boolean principalList, boolean actionList) {
    }

    /** @param asObject write {@code Statement} as one object (only with one statement) */
    public record Role(List<Statement> statements, boolean asObject, int padding, PolicyVersion version) {
    }

    static String roleName(int index) {
        return "role-" + index;
    }

    static String roleArn(int index) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + roleName(index);
    }

    /** The trust policy of a role, as JSON text. */
    String trustPolicy(int roleIndex) {
        Role role = roles.get(roleIndex);
        List<String> statements = new ArrayList<>();
        boolean padded = false;
        for (Statement s : role.statements()) {
            statements.add(TrustStatements.render(this, s, !padded ? role.padding() : 0));
            padded |= s.shape() == Shape.EXACT;
        }
        String body = role.asObject() && statements.size() == 1 ? statements.get(0)
                : "[" + String.join(",", statements) + "]";
        String version = role.version().text == null ? "" : "\"Version\":\"" + role.version().text + "\",";
        return "{" + version + "\"Statement\":" + body + "}";
    }

    /** The fixture YAML of the local cloud. */
    public String fixtureYaml() {
        StringBuilder y = new StringBuilder();
        y.append("description: a generated scenario\n");
        y.append("behaviour: {addonSettleSeconds: 0.02}\n");
        y.append("accounts:\n");
        y.append("  - id: \"").append(ACCOUNT).append("\"\n");
        y.append("    credentials: [{accessKeyId: test, secretAccessKey: test, role: operator}]\n");
        y.append("    oidcProviders:\n");
        y.append("      - {url: ").append(OTHER_ISSUER).append(", clientIds: [sts.amazonaws.com]}\n");
        y.append("      - {url: ").append(GITHUB).append(", clientIds: [sts.amazonaws.com]}\n");
        y.append("    roles:\n");
        y.append("      - name: operator\n");
        y.append("        trustPolicy: '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::").append(ACCOUNT).append(":root\"},\"Action\":\"sts:AssumeRole\"}]}'\n");
        for (int r = 0; r < roles.size(); r++) {
            y.append("      - name: ").append(roleName(r)).append("\n");
            y.append("        trustPolicy: '").append(trustPolicy(r)).append("'\n");
        }
        y.append("    regions:\n");
        y.append("      - name: us-west-2\n");
        y.append("        clusters:\n");
        y.append("          - name: ").append(CLUSTER).append("\n");
        y.append("            oidcIssuerId: ").append(ISSUER_ID).append("\n");
        List<String> addons = new ArrayList<>();
        if (agentInstalled) {
            addons.add("{name: eks-pod-identity-agent, status: ACTIVE}");
        }
        addonRole.ifPresent(r -> addons.add("{name: vpc-cni, serviceAccountRoleArn: \"" + roleArn(r) + "\"}"));
        y.append("            addons: [").append(String.join(", ", addons)).append("]\n");
        association.ifPresent(a -> y.append("            podIdentityAssociations: [{namespace: ")
                .append(serviceAccounts.get(a[0]).namespace()).append(", serviceAccount: ")
                .append(serviceAccounts.get(a[0]).name()).append(", roleArn: \"").append(roleArn(a[1])).append("\"}]\n"));
        y.append("            serviceAccounts:\n");
        for (ServiceAccount sa : serviceAccounts) {
            y.append("              - {namespace: ").append(sa.namespace()).append(", name: ").append(sa.name());
            annotationValue(sa).ifPresent(v -> y.append(", roleArn: \"").append(v.replace("\n", "\\n")).append("\""));
            List<String> annotations = new ArrayList<>();
            if (sa.audience() != null) {
                annotations.add("eks.amazonaws.com/audience: " + sa.audience());
            }
            if (sa.webhookSettings()) {
                annotations.add("eks.amazonaws.com/token-expiration: \"3600\"");
                annotations.add("eks.amazonaws.com/sts-regional-endpoints: \"true\"");
            }
            if (!annotations.isEmpty()) {
                y.append(", annotations: {").append(String.join(", ", annotations)).append("}");
            }
            y.append("}\n");
        }
        List<ServiceAccount> running = serviceAccounts.stream().filter(sa -> sa.replicas() > 0).toList();
        if (!running.isEmpty()) {
            y.append("            workloads:\n");
            for (ServiceAccount sa : running) {
                y.append("              - {namespace: ").append(sa.namespace()).append(", name: ").append(sa.name())
                        .append(", serviceAccount: ").append(sa.name()).append(", replicas: ").append(sa.replicas()).append("}\n");
            }
        }
        return y.toString();
    }

    static Optional<String> annotationValue(ServiceAccount sa) {
        return switch (sa.annotation()) {
            case NONE -> Optional.empty();
            case ROLE -> Optional.of(roleArn(sa.role()));
            case MALFORMED -> Optional.of("role/" + roleName(sa.role()));
            case OTHER_PARTITION -> Optional.of("arn:aws-cn:iam::" + ACCOUNT + ":role/" + roleName(sa.role()));
            case MISSING_ROLE -> Optional.of("arn:aws:iam::" + ACCOUNT + ":role/no-such-role");
            case CROSS_ACCOUNT -> Optional.of("arn:aws:iam::444455556666:role/" + roleName(sa.role()));
            // A real role's ARN with what a paste or a YAML block scalar leaves around it.
            case PADDED -> Optional.of(sa.role() % 2 == 0 ? roleArn(sa.role()) + "\n" : " " + roleArn(sa.role()));
        };
    }

    @Override
    public String toString() {
        return "\n# service accounts: " + serviceAccounts.stream().map(sa -> sa.ref() + "=" + sa.annotation()
                + (sa.annotation() == Annotation.ROLE || sa.annotation() == Annotation.PADDED ? "(" + roleName(sa.role()) + ")" : ""))
                .collect(Collectors.joining(", ")) + "\n" + fixtureYaml();
    }
}
