package dev.pim.migration.association;

import java.util.Map;

/**
 * Where each field of one association was given, for error messages: a path in a file
 * ({@code config.yaml: iam.podIdentityAssociations[2].namespace}) or a command-line flag ({@code --namespace}).
 * Fields are named as in the ClusterConfig ({@code serviceAccountName}, {@code roleARN}...).
 */
public final class FieldLabels {
    private static final Map<String, String> FLAGS = Map.of("namespace", "--namespace",
            "serviceAccountName", "--service-account-name", "roleARN", "--role-arn", "roleName", "--role-name",
            "permissionPolicyARNs", "--permission-policy-arns", "wellKnownPolicies", "--well-known-policies", "permissionsBoundaryARN", "--permissions-boundary-arn",
            "tags", "--tags");
    private final String file;
    private final String path;

    private FieldLabels(String file, String path) {
        this.file = file;
        this.path = path;
    }

    /** Fields of the entry at {@code path} (e.g. {@code iam.podIdentityAssociations[2]}) of {@code file}. */
    public static FieldLabels inFile(String file, String path) {
        return new FieldLabels(file, path);
    }

    /** Fields given as the command line's flags. */
    public static FieldLabels flags() {
        return new FieldLabels(null, null);
    }

    /** The label of a field; {@code null} names the association as a whole. */
    public String of(String field) {
        if (file == null) {
            return field == null ? "the command line" : FLAGS.getOrDefault(field, "--" + field);
        }
        return file + ": " + (field == null ? path : path + "." + field);
    }

    /** One element of a list or map field: {@code permissionPolicyARNs[1]}, {@code wellKnownPolicies.autoScaler}. */
    public String element(String field, Object indexOrKey) {
        if (file == null) {
            return of(field);
        }
        return of(field) + (indexOrKey instanceof Integer i ? "[" + i + "]" : "." + indexOrKey);
    }
}
