package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.trust.TrustScope;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a migration run is asked to do.
 *
 * @param approve                false: plan only, no mutating call (the other options then shape the plan shown)
 * @param restartWorkloads       rollout-restart the workloads of migrated service accounts
 * @param restartBudget          how many workloads restart at once
 * @param removeIrsaAnnotation   remove the role-arn annotation once the association exists and the pods moved
 * @param removeOidcTrust        remove this cluster's OIDC subjects from the roles once verified
 * @param concurrency            roles updated at once
 * @param timeout                how long to wait for the agent add-on and rollouts
 * @param crossAccountBridgeRole a same-account role name or ARN to chain into cross-account roles, or null
 * @param includeServiceAccounts service accounts the user names to migrate though no annotation binds them: a role
 *                               whose trust lets them in through a pattern or without a {@code sub} condition is
 *                               otherwise never given to them
 * @param removeWildcardOidcTrust with {@code removeOidcTrust}, also remove a {@code StringLike} pattern once every
 *                               service account it matches today is migrated (those created later lose IRSA)
 * @param trustScope             how far the Pod Identity statement reaches (null: {@link TrustScope#DEFAULT})
 * @param acceptSkippedContainers the user accepts that containers the IRSA webhook skips
 *                               ({@code eks.amazonaws.com/skip-containers}) get Pod Identity credentials; without it an
 *                               approved run with such containers is refused before any write
 * @param associationsPerCluster the Pod Identity associations a cluster may hold: EKS's quota unless a quota change (or
 *                               the local cloud's knob) moves it; the plan refuses a run that would pass it
 */
public record MigrationOptions(boolean approve, boolean restartWorkloads, int restartBudget,
                               boolean removeIrsaAnnotation, boolean removeOidcTrust, int concurrency,
                               Duration timeout, String crossAccountBridgeRole,
                               List<ServiceAccountRef> includeServiceAccounts, boolean removeWildcardOidcTrust,
                               TrustScope trustScope, boolean acceptSkippedContainers, int associationsPerCluster) {

    public MigrationOptions {
        trustScope = trustScope == null ? TrustScope.DEFAULT : trustScope;
        includeServiceAccounts = includeServiceAccounts == null ? List.of()
                : includeServiceAccounts.stream().distinct().sorted().toList();
        if (restartBudget < 1) {
            throw new IllegalArgumentException("the restart budget must be at least 1, got " + restartBudget);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
        if (associationsPerCluster < 1) {
            throw new IllegalArgumentException("the Pod Identity associations per cluster must be at least 1, got "
                    + associationsPerCluster);
        }
    }

    /** Every option at its default: plan only (no mutating call), nothing removed or restarted. */
    public static MigrationOptions planOnly() {
        return builder().build();
    }

    /** Options from the defaults, each changed by name: a new option is one field here and one builder method. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MigrationOptions}; every field starts at its default, and {@link #build} checks them. */
    public static final class Builder {
        private boolean approve;
        private boolean restartWorkloads;
        private int restartBudget = 1;
        private boolean removeIrsaAnnotation;
        private boolean removeOidcTrust;
        private int concurrency = 4;
        private Duration timeout = Duration.ofMinutes(25);
        private String crossAccountBridgeRole;
        private List<ServiceAccountRef> includeServiceAccounts = List.of();
        private boolean removeWildcardOidcTrust;
        private TrustScope trustScope = TrustScope.DEFAULT;
        private boolean acceptSkippedContainers;
        private int associationsPerCluster = AssociationQuota.EKS_PER_CLUSTER;

        private Builder() {
        }

        public Builder approve(boolean approve) {
            this.approve = approve;
            return this;
        }

        public Builder restartWorkloads(boolean restartWorkloads) {
            this.restartWorkloads = restartWorkloads;
            return this;
        }

        public Builder restartBudget(int restartBudget) {
            this.restartBudget = restartBudget;
            return this;
        }

        public Builder removeIrsaAnnotation(boolean removeIrsaAnnotation) {
            this.removeIrsaAnnotation = removeIrsaAnnotation;
            return this;
        }

        public Builder removeOidcTrust(boolean removeOidcTrust) {
            this.removeOidcTrust = removeOidcTrust;
            return this;
        }

        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder crossAccountBridgeRole(String crossAccountBridgeRole) {
            this.crossAccountBridgeRole = crossAccountBridgeRole;
            return this;
        }

        public Builder includeServiceAccounts(List<ServiceAccountRef> includeServiceAccounts) {
            this.includeServiceAccounts = includeServiceAccounts;
            return this;
        }

        public Builder removeWildcardOidcTrust(boolean removeWildcardOidcTrust) {
            this.removeWildcardOidcTrust = removeWildcardOidcTrust;
            return this;
        }

        public Builder trustScope(TrustScope trustScope) {
            this.trustScope = trustScope;
            return this;
        }

        public Builder acceptSkippedContainers(boolean acceptSkippedContainers) {
            this.acceptSkippedContainers = acceptSkippedContainers;
            return this;
        }

        public Builder associationsPerCluster(int associationsPerCluster) {
            this.associationsPerCluster = associationsPerCluster;
            return this;
        }

        public MigrationOptions build() {
            return new MigrationOptions(approve, restartWorkloads, restartBudget, removeIrsaAnnotation, removeOidcTrust,
                    concurrency, timeout, crossAccountBridgeRole, includeServiceAccounts, removeWildcardOidcTrust,
                    trustScope, acceptSkippedContainers, associationsPerCluster);
        }
    }

    public Map<String, String> asMap() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("approve", Boolean.toString(approve));
        out.put("restartWorkloads", Boolean.toString(restartWorkloads));
        out.put("restartBudget", Integer.toString(restartBudget));
        out.put("removeIrsaAnnotation", Boolean.toString(removeIrsaAnnotation));
        out.put("removeOidcTrust", Boolean.toString(removeOidcTrust));
        out.put("concurrency", Integer.toString(concurrency));
        out.put("timeout", timeout.toString());
        if (crossAccountBridgeRole != null) {
            out.put("crossAccountBridgeRole", crossAccountBridgeRole);
        }
        if (!includeServiceAccounts.isEmpty()) {
            out.put("includeServiceAccounts", String.join(",", includeServiceAccounts.stream().map(Object::toString).toList()));
        }
        if (removeWildcardOidcTrust) {
            out.put("removeWildcardOidcTrust", "true");
        }
        out.put("trustScope", trustScope.label());
        if (acceptSkippedContainers) {
            out.put("acceptSkippedContainers", "true");
        }
        if (associationsPerCluster != AssociationQuota.EKS_PER_CLUSTER) {
            out.put("associationsPerCluster", Integer.toString(associationsPerCluster));
        }
        return out;
    }
}
