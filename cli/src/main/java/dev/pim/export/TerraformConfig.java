package dev.pim.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terraform (AWS provider): an {@code aws_eks_pod_identity_association} per standalone association, an
 * {@code aws_eks_addon} with its {@code pod_identity_association} blocks per add-on that owns some, and an
 * {@code aws_iam_role} per same-account role carrying only its trust policy, as IAM holds it, in a heredoc. Laid
 * out as {@code terraform fmt} lays it out, so {@code terraform fmt -check} passes.
 */
final class TerraformConfig {

    private TerraformConfig() {
    }

    static String render(ClusterExport export) {
        Map<String, String> associationNames = ResourceNames.unique(export.standalone().stream()
                .map(a -> a.serviceAccount().toString()).toList(), ResourceNames::terraform, "_");
        Map<String, String> roleNames = ResourceNames.unique(export.roles().stream().map(ExportedRole::name).toList(),
                ResourceNames::terraform, "_");
        Map<String, String> addonNames = ResourceNames.unique(export.addons(), ResourceNames::terraform, "_");
        StringBuilder out = new StringBuilder(Documents.comments(header(export)));
        for (ExportedAssociation a : export.standalone()) {
            String name = associationNames.get(a.serviceAccount().toString());
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("cluster_name", quoted(export.clusterName()));
            attributes.put("namespace", quoted(a.serviceAccount().namespace()));
            attributes.put("service_account", quoted(a.serviceAccount().name()));
            attributes.put("role_arn", quoted(a.roleArn()));
            if (a.targetRoleArn() != null) {
                attributes.put("target_role_arn", quoted(a.targetRoleArn()));
            }
            out.append("\n# terraform import aws_eks_pod_identity_association.").append(name).append(' ')
                    .append(export.clusterName()).append(',').append(a.id()).append('\n');
            out.append("resource \"aws_eks_pod_identity_association\" \"").append(name).append("\" {\n");
            aligned(out, attributes, "  ");
            if (!a.tags().isEmpty()) {
                out.append("\n  tags = {\n");
                Map<String, String> tags = new LinkedHashMap<>();
                a.tags().forEach((k, v) -> tags.put(quoted(k), quoted(v)));
                aligned(out, tags, "    ");
                out.append("  }\n");
            }
            out.append("}\n");
        }
        for (String addon : export.addons()) {
            String name = addonNames.get(addon);
            out.append("\n# terraform import aws_eks_addon.").append(name).append(' ').append(export.clusterName())
                    .append(':').append(addon).append('\n');
            out.append("resource \"aws_eks_addon\" \"").append(name).append("\" {\n");
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("cluster_name", quoted(export.clusterName()));
            attributes.put("addon_name", quoted(addon));
            aligned(out, attributes, "  ");
            for (ExportedAssociation a : export.ownedBy(addon)) {
                out.append("\n  pod_identity_association {\n");
                Map<String, String> association = new LinkedHashMap<>();
                association.put("service_account", quoted(a.serviceAccount().name()));
                association.put("role_arn", quoted(a.roleArn()));
                aligned(out, association, "    ");
                out.append("  }\n");
            }
            out.append("}\n");
        }
        for (ExportedRole role : export.roles()) {
            String name = roleNames.get(role.name());
            out.append("\n# terraform import aws_iam_role.").append(name).append(' ').append(role.name()).append('\n');
            out.append("resource \"aws_iam_role\" \"").append(name).append("\" {\n");
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("name", quoted(role.name()));
            attributes.put("path", quoted(role.path()));
            attributes.put("assume_role_policy", "<<-EOT");
            aligned(out, attributes, "  ");
            Documents.prettyJson(Documents.policy(role)).lines()
                    .forEach(line -> out.append("    ").append(escapeTemplate(line)).append('\n'));
            out.append("  EOT\n}\n");
        }
        return out.toString();
    }

    private static List<String> header(ClusterExport export) {
        List<String> lines = new ArrayList<>();
        lines.add("Pod Identity associations of EKS cluster " + export.clusterName() + " (account " + export.accountId()
                + ", " + export.region() + "), exported by pim export.");
        lines.add("Only each role's trust policy (assume_role_policy) is exported, not its permissions: before an");
        lines.add("apply, add the policies it has (or manage them elsewhere). Bring each resource under Terraform with");
        lines.add("the terraform import command above it (an association by cluster_name,association_id).");
        export.unread().forEach(u -> lines.add("not exported: " + u));
        return lines;
    }

    /** Attribute lines with their {@code =} in one column, as {@code terraform fmt} aligns them. */
    private static void aligned(StringBuilder out, Map<String, String> attributes, String indent) {
        int width = attributes.keySet().stream().mapToInt(String::length).max().orElse(0);
        attributes.forEach((k, v) -> out.append(indent).append(k).append(" ".repeat(width - k.length())).append(" = ")
                .append(v).append('\n'));
    }

    /** An HCL string literal; a dollar or percent sign before a brace starts a template in HCL, so it is escaped. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return escapeTemplate(out.append('"').toString());
    }

    private static String escapeTemplate(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }
}
