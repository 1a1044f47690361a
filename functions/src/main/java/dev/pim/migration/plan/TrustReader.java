package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.trust.SubjectGrant;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;
import dev.pim.migration.trust.WebIdentityAccess;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inventory's trust policies read against this cluster's OIDC provider, each parsed once. */
final class TrustReader {
    private final ClusterInventory inventory;
    private final String providerArn;
    private final Map<String, Optional<TrustPolicy>> parsed = new HashMap<>();

    TrustReader(ClusterInventory inventory) {
        this.inventory = inventory;
        this.providerArn = inventory.cluster().oidcProviderArn(inventory.cluster().ref().accountId());
    }

    /** The role's trust policy, or empty when the role is unknown or its policy cannot be parsed. */
    Optional<TrustPolicy> policy(String roleArn) {
        return parsed.computeIfAbsent(roleArn, arn -> {
            RoleInfo role = inventory.roles().get(arn);
            if (role == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(TrustPolicy.parse(arn, role.trustPolicy()));
            } catch (TrustPolicyException e) {
                return Optional.empty();
            }
        });
    }

    /** The {@code sub} values (and unrestricted statements) through which the role lets this cluster's service accounts in. */
    List<SubjectGrant> grants(String roleArn) {
        return providerArn == null ? List.of() : policy(roleArn).map(p -> p.subjectsGrantedTo(providerArn)).orElse(List.of());
    }

    /** Whether the service account's IRSA token can assume the role, as STS would decide. */
    Optional<WebIdentityAccess> access(String roleArn, ServiceAccountRef sa, String audience) {
        return providerArn == null ? Optional.empty()
                : policy(roleArn).map(p -> p.webIdentity(providerArn, sa.subject(), audience));
    }
}
