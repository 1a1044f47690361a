package dev.pim.migration.inventory;

import java.util.List;

/**
 * One entry of DescribeAddonConfiguration's {@code podIdentityConfiguration}: a service account of the add-on that
 * can use Pod Identity, and the managed policies AWS recommends for its role.
 */
public record AddonServiceAccountPolicies(String serviceAccount, List<String> recommendedManagedPolicies) {

    public AddonServiceAccountPolicies {
        recommendedManagedPolicies = List.copyOf(recommendedManagedPolicies);
    }
}
