package dev.pim.migration.apply;

import dev.pim.migration.BoundedParallel;
import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.OidcCleanup;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.port.TrustPolicyRejectedException;
import dev.pim.migration.trust.PodIdentityScope;
import dev.pim.migration.trust.TrustEdit;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;

/**
 * The trust-policy writes. Each reads the role's current policy, edits it with the trust domain and writes
 * only if that changed something, so a re-run writes nothing. A role is updated by one caller at a time
 * (the engine groups work by role), and its original is in the journal before the first write.
 */
public final class TrustSteps {
    public static final String ADD_POD_IDENTITY = "add-pod-identity";
    public static final String STRIP_OIDC = "strip-oidc";
    /** Originals per journal append: what one DynamoDB BatchWriteItem takes. */
    static final int ORIGINALS_PER_APPEND = 25;
    private final StepContext ctx;
    private final Map<String, RoleInfo> seen;

    public TrustSteps(StepContext ctx) {
        this(ctx, new ConcurrentHashMap<>());
    }

    /**
     * @param seen roles by ARN as this run last read or wrote them (shared by the run's workers): outside a role's
     *             lease the run reads a role only when it is not in there, and it records every read and write
     */
    public TrustSteps(StepContext ctx, Map<String, RoleInfo> seen) {
        this.ctx = ctx;
        this.seen = seen;
    }

        /**
     * Saves the trust policies the plan read (discovery's GetRole) as the originals, without reading them again:
     * what a later write replaces is read under the role's lease and journaled with the write anyway.
     */
    public void saveOriginals(String runId, List<RolePlan> roles, int parallelism) {
        // Independent entries, so written together (a journal on DynamoDB writes 25 per round trip instead of one);
        // all are durable before this returns, so before any trust write.
        List<RolePlan> saved = roles.stream().filter(r -> r.trustBefore() != null).toList();
        List<JournalEntry> entries = saved.stream().<JournalEntry>map(role -> new JournalEntry.TrustSaved(
                ctx.clock().instant(), role.roleArn(), role.roleName(), role.trustBefore())).toList();
        List<List<JournalEntry>> chunks = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += ORIGINALS_PER_APPEND) {
            chunks.add(entries.subList(from, Math.min(entries.size(), from + ORIGINALS_PER_APPEND)));
        }
        BoundedParallel.forEach(chunks, parallelism, chunk -> ctx.journal().appendAll(runId, chunk));
        saved.forEach(role -> seen.putIfAbsent(role.roleArn(),
                new RoleInfo(role.roleArn(), role.roleName(), null, role.trustBefore(), Map.of())));
    }

    /** The role as this run last saw it, read once if it has not. */
    private Optional<RoleInfo> lastSeen(String roleArn) {
        RoleInfo known = seen.get(roleArn);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<RoleInfo> read = ctx.iam().role(RoleArn.parse(roleArn).name());
        read.ifPresent(r -> seen.put(roleArn, r));
        return read;
    }

    /** Adds the Pod Identity statement unless an equivalent one is there; refuses (without writing) over the quota. */
    public StepResult addPodIdentity(String runId, String roleArn, int quota) {
        return addPodIdentity(runId, roleArn, quota, PodIdentityScope.account());
    }

    /**
     * Adds the Pod Identity statement scoped as the plan decided (or extends the lists of the one there), unless the
     * role already admits every subject of the scope; refuses (without writing) over the quota.
     */
    public StepResult addPodIdentity(String runId, String roleArn, int quota, PodIdentityScope scope) {
        return edit(runId, roleArn, ADD_POD_IDENTITY, quota, p -> p.ensurePodIdentity(scope));
    }

    /** Removes this cluster's given subjects from the role's IRSA statements (other providers untouched). */
    public StepResult stripOidc(String runId, String roleArn, String providerArn, Collection<String> subjects, int quota) {
        if (subjects.isEmpty()) {
            return StepResult.skipped("oidc-cleanup", roleArn, "no verified subject to remove");
        }
        return edit(runId, roleArn, STRIP_OIDC, quota, p -> p.removeOidcSubjects(providerArn, subjects));
    }

    /** Read, edit and write under the role's lease, so that no other run's edit falls between them. */
    private StepResult edit(String runId, String roleArn, String purpose, int quota,
                            Function<TrustPolicy, TrustEdit> change) {
        return ctx.leases().withLease(roleArn, StepContext.LEASE_WAIT, () -> editHoldingLease(runId, roleArn, purpose,
                quota, change));
    }

    private StepResult editHoldingLease(String runId, String roleArn, String purpose, int quota,
                                        Function<TrustPolicy, TrustEdit> change) {
        String step = purpose.equals(ADD_POD_IDENTITY) ? "trust" : "oidc-cleanup";
        RoleArn role = RoleArn.parse(roleArn);
        // Read again under the lease, whatever the run saw before: IAM has no conditional write, so only a read made
        // while holding the lease sees every other editor's last write, and the edit must start from that.
        Optional<RoleInfo> current = ctx.iam().role(role.name());
        if (current.isEmpty()) {
            seen.remove(roleArn);
            return StepResult.failed(step, roleArn, "role " + role.name() + " does not exist");
        }
        seen.put(roleArn, current.get());
        TrustEdit edit;
        try {
            edit = change.apply(TrustPolicy.parse(roleArn, current.get().trustPolicy()));
        } catch (TrustPolicyException e) {
            return StepResult.failed(step, roleArn, e.getMessage());
        }
        if (edit.refused()) {
            return StepResult.failed(step, roleArn, edit.refusal().orElseThrow());
        }
        if (!edit.changed()) {
            return StepResult.unchanged(step, roleArn, String.join("; ", edit.notes()));
        }
        if (!edit.fitsQuota(quota)) {
            return StepResult.failed(step, roleArn, "the new trust policy of role " + role.name() + " would be "
                    + edit.policy().size() + " characters, over the account's quota of " + quota + " by "
                    + edit.charactersOver(quota) + "; nothing was written");
        }
        String after = edit.policy().render();
        // Write-ahead: rollback restores "before" only where it finds "after", so an entry for a write that
        // never happened is harmless, while a write the journal missed could not be undone.
        ctx.journal().append(runId, new JournalEntry.TrustWritten(ctx.clock().instant(), roleArn, role.name(), purpose,
                current.get().trustPolicy(), after));
        try {
            ctx.iam().updateTrustPolicy(role.name(), after);
        } catch (TrustPolicyRejectedException e) {
            return StepResult.failed(step, roleArn, e.getMessage());
        } catch (RuntimeException unknownOutcome) {
            seen.remove(roleArn);
            throw unknownOutcome;
        }
        RoleInfo was = current.get();
        seen.put(roleArn, new RoleInfo(was.arn(), was.name(), was.path(), after, was.tags()));
        return StepResult.done(step, roleArn, String.join("; ", edit.notes()));
    }

    /**
     * Removes from a role this cluster's subjects of the given verified service accounts (patterns only when asked
     * and every existing service account they match is verified), reading the role's current trust policy.
     *
     * @param bindings        the plan's bindings; those on Pod Identity with this role are the candidates
     * @param existing        every service account of the cluster
     * @param removeWildcards whether a pattern may go once everything it matches today is verified
     */
    public StepResult stripVerified(String runId, String roleArn, String providerArn, List<Binding> bindings,
                                    Collection<ServiceAccountRef> existing, Set<ServiceAccountRef> verified,
                                    boolean removeWildcards) {
        Set<ServiceAccountRef> done = new LinkedHashSet<>();
        bindings.stream().filter(b -> b.onPodIdentity() && roleArn.equals(b.roleArn()))
                .map(Binding::serviceAccount).filter(verified::contains).forEach(done::add);
        if (done.isEmpty()) {
            return StepResult.skipped("oidc-cleanup", roleArn, "no verified binding of this role");
        }
        // Which subjects may go is decided on the policy as last seen; the edit itself re-reads it under the lease.
        Optional<RoleInfo> current = lastSeen(roleArn);
        if (current.isEmpty()) {
            return StepResult.skipped("oidc-cleanup", roleArn, "no verified binding of this role");
        }
        try {
            OidcCleanup.Removal removal = OidcCleanup.removable(TrustPolicy.parse(roleArn, current.get().trustPolicy()),
                    providerArn, existing, done, removeWildcards);
            return stripOidc(runId, roleArn, providerArn, removal.subjects(), Integer.MAX_VALUE);
        } catch (TrustPolicyException e) {
            return StepResult.failed("oidc-cleanup", roleArn, e.getMessage());
        }
    }

    /** Whether the role's current trust lets Pod Identity assume it (for verification). */
    public Optional<Boolean> allowsPodIdentity(String roleArn) {
        return lastSeen(roleArn).map(r -> {
            try {
                return !TrustPolicy.parse(roleArn, r.trustPolicy()).ensurePodIdentity().changed();
            } catch (TrustPolicyException e) {
                return false;
            }
        });
    }

}
