package dev.pim.migration.association;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a created role is given: managed policy ARNs to attach and inline policies (name to document) to put.
 */
public record PolicyGrants(List<String> managedPolicyArns, Map<String, String> inlinePolicies) {

    public PolicyGrants {
        managedPolicyArns = List.copyOf(new LinkedHashSet<>(managedPolicyArns));
        inlinePolicies = Collections.unmodifiableMap(new LinkedHashMap<>(inlinePolicies));
    }

    public static PolicyGrants none() {
        return new PolicyGrants(List.of(), Map.of());
    }

    /** Both grants together; an inline name given twice keeps the first document (names are unique per source). */
    public PolicyGrants plus(PolicyGrants other) {
        List<String> managed = new ArrayList<>(managedPolicyArns);
        managed.addAll(other.managedPolicyArns);
        Map<String, String> inline = new LinkedHashMap<>(inlinePolicies);
        other.inlinePolicies.forEach(inline::putIfAbsent);
        return new PolicyGrants(managed, inline);
    }
}
