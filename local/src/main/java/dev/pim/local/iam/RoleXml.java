package dev.pim.local.iam;

import dev.pim.local.iam.query.XmlOut;
import dev.pim.local.state.RoleState;

import java.util.List;

/** A role as IAM's answers show it; how much of it depends on the operation. */
final class RoleXml {

    /** ListRoles leaves out Tags, PermissionsBoundary and RoleLastUsed; CreateRole has no RoleLastUsed. */
    enum Detail { LISTED, CREATED, FULL }

    private RoleXml() {
    }

    static void write(XmlOut out, RoleState role, Detail detail) {
        out.text("Path", role.path)
                .text("RoleName", role.name)
                .text("RoleId", role.roleId)
                .text("Arn", role.arn())
                .timestamp("CreateDate", role.createDate)
                .text("AssumeRolePolicyDocument", role.trustPolicy == null ? null : PolicyText.urlEncode(role.trustPolicy))
                .text("Description", role.description)
                .text("MaxSessionDuration", role.maxSessionDuration);
        if (detail != Detail.LISTED && role.permissionsBoundaryArn != null) {
            out.start("PermissionsBoundary")
                    .text("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .text("PermissionsBoundaryArn", role.permissionsBoundaryArn)
                    .end();
        }
        if (detail != Detail.LISTED) {
            writeTags(out, role);
        }
        if (detail == Detail.FULL) {
            // The emulator does not track role use; IAM answers an empty element for a role never used.
            out.empty("RoleLastUsed");
        }
    }

    /** Tags sorted by key, as IAM returns them; left out when the role has none. */
    static void writeTags(XmlOut out, RoleState role) {
        List<RoleState.Tag> tags = List.copyOf(role.tags.values());
        if (!tags.isEmpty()) {
            out.list("Tags", tags, RoleXml::writeTag);
        }
    }

    static void writeTag(XmlOut out, RoleState.Tag tag) {
        out.text("Key", tag.key()).text("Value", tag.value());
    }
}
