package dev.pim.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CloudFormation template: an {@code AWS::EKS::PodIdentityAssociation} per standalone association, an
 * {@code AWS::EKS::Addon} with its {@code PodIdentityAssociations} per add-on that owns some, and an
 * {@code AWS::IAM::Role} per same-account role with only its {@code AssumeRolePolicyDocument} as IAM holds it.
 * Every resource is {@code Retain}ed, as a resource import requires, and the header names each one's import
 * identifier: the resources exist, so the template is for importing them into a stack (or for copying from).
 */
final class CloudFormationTemplate {

    private CloudFormationTemplate() {
    }

    static String render(ClusterExport export) {
        Map<String, String> associationIds = ResourceNames.unique(export.standalone().stream()
                .map(a -> a.serviceAccount().toString()).toList(), ResourceNames::cloudFormation, "");
        Map<String, String> roleIds = ResourceNames.unique(export.roles().stream().map(ExportedRole::name).toList(),
                ResourceNames::cloudFormation, "");
        Map<String, String> addonIds = ResourceNames.unique(export.addons(), ResourceNames::cloudFormation, "");
        List<String> imports = new ArrayList<>();
        ObjectNode template = Documents.YAML.createObjectNode();
        template.put("AWSTemplateFormatVersion", "2010-09-09");
        template.put("Description", "Pod Identity associations of EKS cluster " + export.clusterName()
                + " and the trust policies of their roles (exported by pim export)");
        ObjectNode resources = template.putObject("Resources");
        for (ExportedAssociation a : export.standalone()) {
            String id = associationIds.get(a.serviceAccount().toString()) + "PodIdentityAssociation";
            ObjectNode properties = retained(resources.putObject(id), "AWS::EKS::PodIdentityAssociation");
            properties.put("ClusterName", export.clusterName()).put("Namespace", a.serviceAccount().namespace())
                    .put("ServiceAccount", a.serviceAccount().name()).put("RoleArn", a.roleArn());
            if (a.targetRoleArn() != null) {
                properties.put("TargetRoleArn", a.targetRoleArn());
            }
            if (!a.tags().isEmpty()) {
                ArrayNode tags = properties.putArray("Tags");
                a.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
            }
            imports.add(id + ": AssociationArn=" + a.arn());
        }
        for (String addon : export.addons()) {
            String id = addonIds.get(addon) + "Addon";
            ObjectNode properties = retained(resources.putObject(id), "AWS::EKS::Addon");
            properties.put("ClusterName", export.clusterName()).put("AddonName", addon);
            ArrayNode owned = properties.putArray("PodIdentityAssociations");
            export.ownedBy(addon).forEach(a -> owned.addObject().put("ServiceAccount", a.serviceAccount().name())
                    .put("RoleArn", a.roleArn()));
            imports.add(id + ": ClusterName=" + export.clusterName() + ", AddonName=" + addon);
        }
        for (ExportedRole role : export.roles()) {
            String id = roleIds.get(role.name()) + "Role";
            ObjectNode properties = retained(resources.putObject(id), "AWS::IAM::Role");
            properties.put("RoleName", role.name()).put("Path", role.path());
            properties.set("AssumeRolePolicyDocument", Documents.policy(role));
            imports.add(id + ": RoleName=" + role.name());
        }
        return Documents.comments(header(export, imports)) + Documents.yaml(template);
    }

    private static ObjectNode retained(ObjectNode resource, String type) {
        resource.put("Type", type).put("DeletionPolicy", "Retain").put("UpdateReplacePolicy", "Retain");
        return resource.putObject("Properties");
    }

    private static List<String> header(ClusterExport export, List<String> imports) {
        List<String> lines = new ArrayList<>();
        lines.add("Pod Identity associations of EKS cluster " + export.clusterName() + " (account " + export.accountId()
                + ", " + export.region() + "), exported by pim export.");
        lines.add("Each AWS::IAM::Role carries only its trust policy (AssumeRolePolicyDocument), not its permissions:");
        lines.add("add them before importing. The resources exist: import them into a stack with");
        lines.add("aws cloudformation create-change-set --change-set-type IMPORT --resources-to-import ..., one");
        lines.add("identifier per resource:");
        imports.forEach(i -> lines.add("  " + i));
        export.unread().forEach(u -> lines.add("not exported: " + u));
        return lines;
    }
}
