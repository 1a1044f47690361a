package dev.pim.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An eksctl {@code ClusterConfig} ({@code eksctl.io/v1alpha5}): standalone associations under
 * {@code iam.podIdentityAssociations}, add-on-owned ones under {@code addons[].podIdentityAssociations}, as eksctl
 * models them. A ClusterConfig has no place for an existing role's trust policy, so each one follows as comments.
 */
final class EksctlConfig {

    private EksctlConfig() {
    }

    static String render(ClusterExport export) {
        ObjectNode config = Documents.YAML.createObjectNode();
        config.put("apiVersion", "eksctl.io/v1alpha5").put("kind", "ClusterConfig");
        config.putObject("metadata").put("name", export.clusterName()).put("region", export.region());
        ArrayNode standalone = config.putObject("iam").putArray("podIdentityAssociations");
        for (ExportedAssociation a : export.standalone()) {
            ObjectNode node = standalone.addObject().put("namespace", a.serviceAccount().namespace())
                    .put("serviceAccountName", a.serviceAccount().name()).put("roleARN", a.roleArn());
            if (a.targetRoleArn() != null) {
                node.put("targetRoleARN", a.targetRoleArn());
            }
        }
        if (!export.addons().isEmpty()) {
            ArrayNode addons = config.putArray("addons");
            for (String addon : export.addons()) {
                ArrayNode owned = addons.addObject().put("name", addon).putArray("podIdentityAssociations");
                for (ExportedAssociation a : export.ownedBy(addon)) {
                    owned.addObject().put("serviceAccountName", a.serviceAccount().name()).put("roleARN", a.roleArn());
                }
            }
        }
        return Documents.comments(header(export)) + Documents.yaml(config) + trustComments(export);
    }

    private static List<String> header(ClusterExport export) {
        List<String> lines = new ArrayList<>();
        lines.add("Pod Identity associations of EKS cluster " + export.clusterName() + " (account " + export.accountId()
                + ", " + export.region() + "), exported by pim export.");
        lines.add("iam.podIdentityAssociations as eksctl create|update podidentityassociation -f takes them, add-on ones");
        lines.add("as eksctl update addon -f does. The roles' trust policies as they stand follow as comments: a");
        lines.add("ClusterConfig only describes roles eksctl creates.");
        export.unread().forEach(u -> lines.add("not exported: " + u));
        return lines;
    }

    private static String trustComments(ClusterExport export) {
        List<String> lines = new ArrayList<>();
        for (ExportedRole role : export.roles()) {
            lines.add("");
            lines.add("trust policy of role " + role.arn() + ":");
            lines.addAll(Documents.prettyJson(Documents.policy(role)).lines().toList());
        }
        return lines.isEmpty() ? "" : Documents.comments(lines);
    }
}
