package dev.pim.migration.association;

import java.util.List;
import java.util.Map;

/** One association's fields as given (in a file or as flags), before {@link AssociationRules} checks them. */
public record RawAssociation(String namespace, String serviceAccountName, String roleArn, String roleName,
                             List<String> permissionPolicyArns, String permissionPolicy, List<String> wellKnownPolicies,
                             String permissionsBoundaryArn, Map<String, String> tags) {

    public RawAssociation {
        permissionPolicyArns = permissionPolicyArns == null ? List.of() : List.copyOf(permissionPolicyArns);
        wellKnownPolicies = wellKnownPolicies == null ? List.of() : List.copyOf(wellKnownPolicies);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}
