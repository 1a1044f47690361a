package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustPolicyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rollback's trust-policy writes, in two phases around the association deletions and restarts: first each role
 * gets its original trust back with the Pod Identity statement still in it (the IRSA subjects return while pods on
 * Pod Identity keep working), and only after the pods have moved back does it lose that statement. A role is
 * written only while its policy is one of the runs' writes (or the first phase's); each write holds the role's lease.
 */
final class TrustRestore {
    private final StepContext ctx;
    /** Per role, the runs' writes, newest first. */
    private final Map<String, List<JournalEntry.TrustWritten>> writes = new LinkedHashMap<>();
    /** Roles whose first phase left them with the Pod Identity statement, and the policy it wrote or found. */
    private final Map<String, String> interim = new LinkedHashMap<>();

    /** @param newestFirst the journal entries of the runs rolled back, newest first */
    TrustRestore(StepContext ctx, List<JournalEntry> newestFirst) {
        this.ctx = ctx;
        newestFirst.stream().filter(JournalEntry.TrustWritten.class::isInstance).map(JournalEntry.TrustWritten.class::cast)
                .forEach(w -> writes.computeIfAbsent(w.roleArn(), k -> new ArrayList<>()).add(w));
    }

    /** Phase one: this cluster's OIDC trust back, the Pod Identity statement kept. */
    void bringBackIrsa(List<StepResult> out) {
        writes.forEach((roleArn, chain) -> {
            JournalEntry.TrustWritten oldest = chain.get(chain.size() - 1);
            String keepingPodIdentity = withPodIdentity(roleArn, oldest.before(), chain.get(0).after());
            StepResult result = ctx.leases().withLease(roleArn, StepContext.LEASE_WAIT, () -> {
                Optional<String> current = current(oldest.roleName());
                if (current.isEmpty()) {
                    return StepResult.failed("trust", roleArn, "the role no longer exists");
                }
                if (same(roleArn, current.get(), oldest.before())) {
                    return StepResult.unchanged("trust", roleArn, "already the original");
                }
                if (chain.stream().noneMatch(w -> same(roleArn, current.get(), w.after()))) {
                    return StepResult.failed("trust", roleArn, "conflict: the trust policy changed after the run wrote it "
                            + "(expected " + chain.get(0).after() + "); left as is");
                }
                interim.put(roleArn, keepingPodIdentity);
                if (same(roleArn, current.get(), keepingPodIdentity)) {
                    return null;
                }
                ctx.iam().updateTrustPolicy(oldest.roleName(), keepingPodIdentity);
                return StepResult.done("trust", roleArn, "restored this cluster's OIDC trust; the Pod Identity statement "
                        + "stays until the pods have moved back");
            });
            if (result != null) {
                report(out, result);
            }
        });
    }

    /** Phase two, once no pod of the cluster needs it: the original, without the Pod Identity statement. */
    void restoreOriginals(List<StepResult> out) {
        interim.forEach((roleArn, keepingPodIdentity) -> {
            List<JournalEntry.TrustWritten> chain = writes.get(roleArn);
            JournalEntry.TrustWritten oldest = chain.get(chain.size() - 1);
            report(out, ctx.leases().withLease(roleArn, StepContext.LEASE_WAIT, () -> {
                Optional<String> current = current(oldest.roleName());
                if (current.isEmpty()) {
                    return StepResult.failed("trust", roleArn, "the role no longer exists");
                }
                if (!same(roleArn, current.get(), keepingPodIdentity)
                        && chain.stream().noneMatch(w -> same(roleArn, current.get(), w.after()))) {
                    return StepResult.failed("trust", roleArn, "conflict: the trust policy changed during the rollback; left as is");
                }
                List<String> users = inUse(roleArn, oldest.at());
                if (!users.isEmpty()) {
                    return StepResult.skipped("trust", roleArn, "kept the Pod Identity statement: pods of "
                            + String.join(", ", users) + " use the role through Pod Identity; the OIDC trust is back");
                }
                ctx.iam().updateTrustPolicy(oldest.roleName(), oldest.before());
                return StepResult.done("trust", roleArn, "restored the original trust policy");
            }));
        });
    }

    /**
     * The associations made since the runs wrote the role's trust (not the runs' own, those are gone) that name the
     * role and whose pods run with the Pod Identity environment: they came to rely on the statement, and would lose
     * their credentials with it. One that existed before could not use the role then (the original has no such
     * statement), and goes back to that.
     */
    private List<String> inUse(String roleArn, Instant since) {
        Set<ServiceAccountRef> onPodIdentity = new HashSet<>();
        ctx.kubernetes().pods().stream().filter(p -> p.hasPodIdentityEnvironment())
                .forEach(p -> onPodIdentity.add(new ServiceAccountRef(p.namespace(), p.serviceAccount())));
        return ctx.eks().associations().stream()
                .filter(a -> roleArn.equals(a.roleArn()) && onPodIdentity.contains(a.serviceAccount()))
                .filter(a -> a.createdAt() == null || a.createdAt().isAfter(since))
                .map(a -> a.id() + " (" + a.serviceAccount() + ")").toList();
    }

    private Optional<String> current(String roleName) {
        return ctx.iam().role(roleName).map(r -> r.trustPolicy());
    }

    /**
     * The original with the Pod Identity statement the runs last wrote (scoped as they wrote it, so that the interim
     * reaches no one the runs' policy did not); the documented statement when that write holds none; the original
     * itself when it had one.
     */
    private static String withPodIdentity(String roleArn, String original, String newestWrite) {
        try {
            TrustPolicy before = TrustPolicy.parse(roleArn, original);
            TrustPolicy kept = before.withPodIdentityStatementsOf(TrustPolicy.parse(roleArn, newestWrite));
            return (kept != before ? kept : before.ensurePodIdentity().policy()).render();
        } catch (TrustPolicyException e) {
            return original;
        }
    }

    private static boolean same(String roleArn, String a, String b) {
        try {
            return TrustPolicy.parse(roleArn, a).render().equals(TrustPolicy.parse(roleArn, b).render());
        } catch (TrustPolicyException e) {
            return Objects.equals(a, b);
        }
    }

    private void report(List<StepResult> out, StepResult result) {
        out.add(result);
        ctx.progress().item(result);
    }
}
