package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.port.AssociationExistsException;
import dev.pim.migration.port.AssociationQuotaReachedException;
import dev.pim.migration.port.RoleNotYetUsableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the standalone Pod Identity associations of one role's bindings. An existing association counts as
 * done only if it names the same role; IAM propagation errors were already retried by the gateway.
 */
public final class AssociationSteps {
    /** Tag on every association this tool creates: rollback deletes only its own. */
    public static final String RUN_TAG = "pod-identity-migrator/run-id";
    /** How a binding refused for the cluster's association quota is reported. */
    public static final String QUOTA_REACHED = "association quota of the cluster reached";
    private final StepContext ctx;
    private final Map<String, AssociationInfo> created;

    public AssociationSteps(StepContext ctx) {
        this(ctx, new ConcurrentHashMap<>());
    }

    /** @param created where each association created is recorded by id (verification need not describe it) */
    public AssociationSteps(StepContext ctx, Map<String, AssociationInfo> created) {
        this.ctx = ctx;
        this.created = created;
    }

    public List<StepResult> create(String runId, List<Binding> bindings) {
        List<StepResult> out = new ArrayList<>();
        for (Binding b : bindings) {
            StepResult result = create(runId, b);
            out.add(result);
            ctx.progress().item(result);
        }
        return out;
    }

    private StepResult create(String runId, Binding b) {
        ServiceAccountRef sa = b.serviceAccount();
        String subject = sa.toString();
        try {
            AssociationInfo created = ctx.eks().createAssociation(sa, b.associationRoleArn(), b.targetRoleArn(),
                    Map.of(RUN_TAG, runId));
            this.created.put(created.id(), created);
            ctx.journal().append(runId, new JournalEntry.AssociationCreated(ctx.clock().instant(), sa, created.id(),
                    b.associationRoleArn(), b.targetRoleArn()));
            return StepResult.done("association", subject, created.id() + " -> " + describeRole(b));
        } catch (AssociationExistsException e) {
            return existing(sa, b);
        } catch (RoleNotYetUsableException e) {
            return StepResult.failed("association", subject, "EKS still refuses role " + b.associationRoleArn()
                    + " after waiting for IAM propagation: " + e.getMessage());
        } catch (AssociationQuotaReachedException e) {
            // The plan counted room for it: another writer took the room since. The service account stays on IRSA.
            return StepResult.failed("association", subject, QUOTA_REACHED + " (" + e.getMessage() + "): the service "
                    + "account stays on IRSA; make room (delete unused associations) and run again");
        }
    }

    private StepResult existing(ServiceAccountRef sa, Binding b) {
        Optional<AssociationInfo> existing = ctx.eks().association(sa);
        if (existing.isPresent() && Objects.equals(existing.get().roleArn(), b.associationRoleArn())
                && Objects.equals(existing.get().targetRoleArn(), b.targetRoleArn())) {
            return StepResult.unchanged("association", sa.toString(), existing.get().id() + " already uses " + describeRole(b));
        }
        return StepResult.failed("association", sa.toString(), existing
                .map(a -> "association " + a.id() + " already exists with role " + a.roleArn() + ", not " + b.associationRoleArn())
                .orElse("EKS says an association exists but none can be read"));
    }

    private static String describeRole(Binding b) {
        return b.targetRoleArn() == null ? b.associationRoleArn() : b.associationRoleArn() + " -> " + b.targetRoleArn();
    }
}
