package dev.pim.local.state;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the emulator holds: accounts, the add-on catalog and the access keys it accepts. Every read
 * and write happens while holding this object's monitor (the server does that for each request), so the
 * state classes themselves are plain mutable holders.
 */
public final class CloudState {
    public final Map<String, AccountState> accounts = new LinkedHashMap<>();
    public final Map<String, Credential> credentials = new LinkedHashMap<>();
    public final AddonCatalog addonCatalog = new AddonCatalog();
    public final Behaviour behaviour = new Behaviour();
    private final Supplier<Instant> clock;
    /** Base URL of the server, used to build each cluster's Kubernetes API endpoint. */
    public String baseUrl = "http://127.0.0.1:4566";

    /** Timing and paging knobs a fixture can set. */
    public static final class Behaviour {
        /** EKS: "Pod Identity associations per cluster", not adjustable. */
        public static final int EKS_ASSOCIATIONS_PER_CLUSTER = 5000;
        /** How long a created or updated add-on stays CREATING/UPDATING. */
        public Duration addonSettleTime = Duration.ofSeconds(2);
        /** How long EKS keeps validating against a role's previous trust policy after a change. */
        public Duration iamPropagationDelay = Duration.ZERO;
        /** IAM may return short pages: the most roles one ListRoles page holds, whatever MaxItems says. */
        public int listRolesPageCap = 100;
        /**
         * The most Pod Identity associations one cluster holds (EKS's quota unless moved, e.g. to run a cluster
         * larger than EKS allows through the pipeline); past it create and add-on calls get ResourceLimitExceeded.
         */
        public int associationsPerCluster = EKS_ASSOCIATIONS_PER_CLUSTER;
        /** Unknown access keys are refused (403) instead of acting as the default credential. */
        public boolean strictCredentials;
        /** The credential unknown access keys act as when not strict. */
        public String defaultAccessKeyId;
    }

    public CloudState(Supplier<Instant> clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.get();
    }

    public AccountState account(String id) {
        return accounts.computeIfAbsent(id, AccountState::new);
    }

    public Optional<AccountState> existingAccount(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public Optional<ClusterState> cluster(String accountId, String region, String name) {
        AccountState account = accounts.get(accountId);
        if (account == null || account.regions.get(region) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(account.regions.get(region).clusters.get(name));
    }

    /** The Kubernetes API endpoint this emulator serves for a cluster. */
    public String kubernetesEndpoint(ClusterState cluster) {
        return baseUrl + "/k8s/" + cluster.accountId + "/" + cluster.region + "/" + cluster.name;
    }

    /** The role an ARN names, in whichever account it lives. */
    public Optional<RoleState> roleByArn(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return Optional.empty();
        }
        AccountState account = accounts.get(parts[4]);
        return account == null ? Optional.empty() : account.roleByArn(arn);
    }
}
