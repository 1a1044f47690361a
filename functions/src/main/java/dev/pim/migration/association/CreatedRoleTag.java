package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;

import java.util.Map;

/**
 * The tag pim puts on every role it creates, saying for which cluster and service account: delete removes a role
 * only when it carries this tag with that exact value, so a role pim did not create is never deleted. The
 * association records the created role's name in a tag of its own, so delete finds the role even after update
 * gave the association another one.
 */
public final class CreatedRoleTag {
    /** On the role: {@code <region>/<cluster>/<namespace>/<service account>} (add-ons: {@code addon:<name>}). */
    public static final String ROLE_KEY = "pod-identity-migrator/created-for";
    /** On the association: the name of the role pim created for it. */
    public static final String ASSOCIATION_KEY = "pod-identity-migrator/created-role";

    private CreatedRoleTag() {
    }

    public static String value(String region, String cluster, ServiceAccountRef serviceAccount) {
        return region + "/" + cluster + "/" + serviceAccount.namespace() + "/" + serviceAccount.name();
    }

    public static String addonValue(String region, String cluster, String addon, String serviceAccount) {
        return region + "/" + cluster + "/addon:" + addon + "/" + serviceAccount;
    }

    /** Whether a role with these tags was created by pim for exactly this value. */
    public static boolean marks(Map<String, String> roleTags, String value) {
        return value.equals(roleTags.get(ROLE_KEY));
    }
}
