package dev.pim.migration.apply;

import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.RolePlan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each role's trust policy as the run's trust step left it, from the run's journal and plan: what a later step of the
 * same run (in another invocation, on the state machine) knows without a GetRole, as the CLI's run knows it from its
 * own writes. Only what is certain: a role whose write the journal shows done (its last written policy), or one the
 * plan found already trusting Pod Identity and the step left unchanged (the plan's policy). Any other role (failed,
 * crashed, or changed by someone else before the run's write, which the write's read under the lease saw) is absent,
 * so the step reads it. A change someone makes after the run's own write is not seen here, as the CLI's run does not
 * see it either: both know the role from their write.
 */
public final class TrustAsWritten {
    private TrustAsWritten() {
    }

    /** By role ARN; a concurrent map, so readers may add what they read. */
    public static Map<String, RoleInfo> of(List<JournalEntry> entries, List<RolePlan> roles) {
        Map<String, String> written = new HashMap<>();
        Set<String> done = new HashSet<>();
        Set<String> unchanged = new HashSet<>();
        for (JournalEntry entry : entries) {
            if (entry instanceof JournalEntry.TrustWritten w && w.purpose().equals(TrustSteps.ADD_POD_IDENTITY)) {
                written.put(w.roleArn(), w.after());
            } else if (entry instanceof JournalEntry.Outcome o && o.step().equals("trust")) {
                if (o.result().equals(StepResult.Result.DONE.name())) {
                    done.add(o.subject());
                } else if (o.result().equals(StepResult.Result.UNCHANGED.name())) {
                    unchanged.add(o.subject());
                }
            }
        }
        Map<String, RoleInfo> out = new ConcurrentHashMap<>();
        for (RolePlan role : roles) {
            String arn = role.roleArn();
            // A write is journaled before it is made: only its "done" outcome says it happened.
            String trust = done.contains(arn) ? written.get(arn)
                    : unchanged.contains(arn) && !done.contains(arn) && !role.trustChanges() ? role.trustBefore() : null;
            if (trust != null) {
                out.put(arn, new RoleInfo(arn, role.roleName(), null, trust, Map.of()));
            }
        }
        return out;
    }
}
