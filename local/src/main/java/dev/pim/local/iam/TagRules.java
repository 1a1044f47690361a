package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.state.RoleState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model constraints on tag lists shared by IAM and STS ({@code Tags.member.N.Key}/{@code Value}, at most 50
 * members, keys 1..128 and values 0..256 characters of {@code [\p{L}\p{Z}\p{N}_.:/=+\-@]}).
 */
public final class TagRules {
    public static final int MAX_TAGS = 50;
    private static final String KEY_PATTERN_TEXT = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
    private static final String VALUE_PATTERN_TEXT = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";
    private static final Pattern KEY_PATTERN = Pattern.compile(KEY_PATTERN_TEXT);
    private static final Pattern VALUE_PATTERN = Pattern.compile(VALUE_PATTERN_TEXT);

    private TagRules() {
    }

    /** The tags of list parameter {@code listName} ({@code Tags}), each checked; empty when not sent. */
    public static List<RoleState.Tag> tags(QueryParams params, String listName) {
        List<Map<String, String>> members = params.structures(listName);
        if (members.size() > MAX_TAGS) {
            throw Constraints.violation(listName, members, "Member must have length less than or equal to " + MAX_TAGS);
        }
        List<RoleState.Tag> tags = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String at = listName.toLowerCase(Locale.ROOT) + "." + (i + 1) + ".member.";
            String key = members.get(i).get("Key");
            String value = members.get(i).get("Value");
            if (key == null) {
                throw Constraints.missing(at + "key");
            }
            if (value == null) {
                throw Constraints.missing(at + "value");
            }
            tags.add(new RoleState.Tag(checkKey(at + "key", key), checkValue(at + "value", value)));
        }
        return tags;
    }

    /** The keys of list parameter {@code listName} ({@code TagKeys}), each checked. */
    public static List<String> keys(QueryParams params, String listName) {
        List<String> keys = params.members(listName);
        if (keys.size() > MAX_TAGS) {
            throw Constraints.violation(listName, keys, "Member must have length less than or equal to " + MAX_TAGS);
        }
        keys.forEach(key -> checkKey(listName, key));
        return keys;
    }

    /** IAM refuses two tags whose keys differ only in case in one request. */
    static void requireDistinctKeys(List<RoleState.Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (RoleState.Tag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw IamErrors.invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    private static String checkKey(String at, String key) {
        Constraints.length(at, key, 1, 128);
        return Constraints.pattern(at, key, KEY_PATTERN, KEY_PATTERN_TEXT);
    }

    private static String checkValue(String at, String value) {
        Constraints.length(at, value, 0, 256);
        return Constraints.pattern(at, value, VALUE_PATTERN, VALUE_PATTERN_TEXT);
    }
}
