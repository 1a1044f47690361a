package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.state.RoleState;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Role tags: TagRole, UntagRole, ListRoleTags. Keys are case-insensitive but keep the spelling last sent, so
 * tagging {@code team} replaces {@code Team}.
 */
final class RoleTagActions {

    private RoleTagActions() {
    }

    static QueryResult tagRole(IamCall call) {
        RoleState role = call.modifiableRole();
        if (!call.params().hasList("Tags")) {
            throw Constraints.missing("Tags");
        }
        List<RoleState.Tag> tags = TagRules.tags(call.params(), "Tags");
        TagRules.requireDistinctKeys(tags);
        Set<String> keysAfter = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        keysAfter.addAll(role.tags.keySet());
        tags.forEach(tag -> keysAfter.add(tag.key()));
        if (keysAfter.size() > TagRules.MAX_TAGS) {
            throw IamErrors.quota("TagsPerRole", TagRules.MAX_TAGS);
        }
        for (RoleState.Tag tag : tags) {
            // Remove first: the map would otherwise keep the old spelling of the key as its own key.
            role.tags.remove(tag.key());
            role.tags.put(tag.key(), tag);
        }
        return QueryResult.none();
    }

    static QueryResult untagRole(IamCall call) {
        RoleState role = call.modifiableRole();
        if (!call.params().hasList("TagKeys")) {
            throw Constraints.missing("TagKeys");
        }
        TagRules.keys(call.params(), "TagKeys").forEach(role.tags::remove);
        return QueryResult.none();
    }

    static QueryResult listRoleTags(IamCall call) {
        RoleState role = call.role();
        List<RoleState.Tag> tags = List.copyOf(role.tags.values());
        Pager.Page<RoleState.Tag> page = Pager.page(tags, RoleState.Tag::key, call.params(), Integer.MAX_VALUE);
        return QueryResult.of(out -> {
            out.list("Tags", page.items(), RoleXml::writeTag);
            out.text("IsTruncated", page.truncated());
            page.nextMarker().ifPresent(marker -> out.text("Marker", marker));
        });
    }
}
