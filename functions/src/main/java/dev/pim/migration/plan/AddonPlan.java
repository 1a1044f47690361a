package dev.pim.migration.plan;

import java.util.Map;

/**
 * An add-on moved to Pod Identity with one {@code UpdateAddon}: its existing associations kept, the new ones added.
 *
 * @param namespace         the add-on's namespace (where its service accounts live)
 * @param associationsAfter service account → role, everything the add-on will own after the update
 */
public record AddonPlan(String addon, String version, String namespace, Map<String, String> associationsAfter) {

    public AddonPlan {
        associationsAfter = Map.copyOf(associationsAfter);
    }
}
