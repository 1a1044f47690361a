package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.preflight.PreflightCheck;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * EKS's quota of Pod Identity associations per cluster against what the cluster would hold after the run: those it
 * has plus those the plan creates (standalone, and through add-ons). Worked out in the plan so that a run that would
 * pass it is refused before any write, naming the quota, instead of failing half-way at the first refused create.
 *
 * @param cluster    the cluster's name
 * @param existing   associations the cluster holds now (discovery lists every one)
 * @param added      associations the plan creates that the cluster does not hold yet
 * @param perCluster the quota: EKS's unless a run's setting moves it (a future quota, the local cloud's knob)
 */
public record AssociationQuota(String cluster, int existing, int added, int perCluster) {
    /** EKS: "Pod Identity associations per cluster", 5,000, not adjustable. */
    public static final int EKS_PER_CLUSTER = 5_000;
    /** The most a setting may give: far above any cluster one execution can run. */
    public static final int MAX_SETTING = 1_000_000;
    /** The preflight check the plan adds when the cluster would be over the quota or near it. */
    public static final String CHECK_NAME = "Pod Identity associations";
    /** From this share of the quota on the plan warns: few associations are left for later workloads. */
    static final double WARN_FROM = 0.9;

    public AssociationQuota {
        if (perCluster < 1) {
            throw new IllegalArgumentException("the Pod Identity associations per cluster must be at least 1, got " + perCluster);
        }
    }

    /**
     * @param existing the cluster's associations now
     * @param roles    the plan's roles: each one not refused creates its standalone associations
     * @param addons   the plan's add-ons: each owns its {@code associationsAfter} once updated
     */
    static AssociationQuota of(String cluster, List<AssociationInfo> existing, List<RolePlan> roles,
                               List<AddonPlan> addons, int perCluster) {
        Set<ServiceAccountRef> held = new HashSet<>();
        existing.forEach(a -> held.add(a.serviceAccount()));
        // EKS holds one association per service account, so a service account counts once whoever creates it.
        Set<ServiceAccountRef> created = new HashSet<>();
        roles.stream().filter(r -> !r.refused()).flatMap(r -> r.associations().stream()).forEach(created::add);
        addons.forEach(a -> a.associationsAfter().keySet()
                .forEach(sa -> created.add(new ServiceAccountRef(a.namespace(), sa))));
        created.removeAll(held);
        return new AssociationQuota(cluster, existing.size(), created.size(), perCluster);
    }

    /** How many associations the cluster holds once the run is done. */
    public int after() {
        return existing + added;
    }

    public boolean exceeded() {
        return after() > perCluster;
    }

    /** A failed check when the run would pass the quota, a warning when it leaves less than a tenth of it. */
    public Optional<PreflightCheck> check() {
        if (exceeded()) {
            return Optional.of(new PreflightCheck(CHECK_NAME, PreflightCheck.Status.FAIL, refusal()));
        }
        if (added > 0 && after() >= WARN_FROM * perCluster) {
            return Optional.of(new PreflightCheck(CHECK_NAME, PreflightCheck.Status.WARN, String.format(Locale.ROOT,
                    "%,d after the migration (%,d existing + %,d new) of %s: %,d left for later workloads",
                    after(), existing, added, quotaName(), perCluster - after())));
        }
        return Optional.empty();
    }

    /** Why the run cannot start: the quota, the count and the cluster. */
    public String refusal() {
        return String.format(Locale.ROOT, "cluster %s: %,d Pod Identity associations after the migration (%,d existing + "
                        + "%,d new), over %s by %,d: no run starts, since it would fail part-way at the first association "
                        + "refused. Keep some service accounts on IRSA, or let workloads share service accounts",
                cluster, after(), existing, added, quotaName(), after() - perCluster);
    }

    /** The refusal a plan's preflight holds when the run would pass the quota. */
    public static Optional<String> refusal(Preflight preflight) {
        return preflight.failures().stream().filter(c -> c.name().equals(CHECK_NAME)).map(PreflightCheck::detail).findFirst();
    }

    private String quotaName() {
        return perCluster == EKS_PER_CLUSTER
                ? String.format(Locale.ROOT, "EKS's quota of %,d per cluster (not adjustable)", perCluster)
                : String.format(Locale.ROOT, "the quota of %,d per cluster this run was given (EKS's is %,d, not adjustable)",
                perCluster, EKS_PER_CLUSTER);
    }
}
