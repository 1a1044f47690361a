package dev.pim.local.state;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One AWS account: its IAM (global) and its regions. */
public final class AccountState {
    /** Service quota "Role trust policy length" (error name ACLSizePerRole) until raised; at most 4096. */
    public static final int DEFAULT_ASSUME_ROLE_POLICY_SIZE_QUOTA = 2048;
    public final String id;
    public int assumeRolePolicySizeQuota = DEFAULT_ASSUME_ROLE_POLICY_SIZE_QUOTA;
    /** Role names are unique regardless of case in IAM; keyed by lower-cased name. */
    private final Map<String, RoleState> roles = new LinkedHashMap<>();
    public final Map<String, OidcProviderState> oidcProviders = new LinkedHashMap<>();
    public final Map<String, RegionState> regions = new LinkedHashMap<>();

    public AccountState(String id) {
        this.id = id;
    }

    public Optional<RoleState> role(String name) {
        return Optional.ofNullable(roles.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<RoleState> roleByArn(String arn) {
        // A role name never holds '/', so the ARN's last segment is the name: one lookup, then the exact check.
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return role(name).filter(r -> r.arn().equals(arn));
    }

    /** Every role, in no particular order. */
    public java.util.Collection<RoleState> roles() {
        return java.util.Collections.unmodifiableCollection(roles.values());
    }

    public void putRole(RoleState role) {
        roles.put(role.name.toLowerCase(Locale.ROOT), role);
    }

    public void removeRole(String name) {
        roles.remove(name.toLowerCase(Locale.ROOT));
    }

    /** Roles in IAM's listing order (by name, case-insensitively). */
    public java.util.List<RoleState> rolesInListingOrder() {
        return roles.values().stream()
                .sorted((a, b) -> a.name.compareToIgnoreCase(b.name))
                .toList();
    }

    public RegionState region(String name) {
        return regions.computeIfAbsent(name, RegionState::new);
    }
}
