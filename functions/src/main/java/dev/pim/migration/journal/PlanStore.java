package dev.pim.migration.journal;

import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.verify.VerificationReport;

import java.util.List;
import java.util.Optional;

/**
 * Where the pipeline keeps a run's plan between its steps. State-machine payloads stay small (a Map item is a
 * run id and a role index); each step reads the part it works on. Implemented on the DynamoDB table of the
 * deployed stack ({@code dev.pim.ledger.DynamoDbPlanStore}); the CLI keeps its plan in memory.
 */
public interface PlanStore {

    /** Saves the whole plan of a run; roles are numbered 0..n-1 in {@link MigrationPlan#roles()} order. */
    void save(String runId, MigrationPlan plan);

    /** The whole plan (for the steps that work on every binding). */
    MigrationPlan plan(String runId);

    /** One role of the plan and the bindings that involve it. */
    RoleWork role(String runId, int index);

    void saveVerification(String runId, VerificationReport report);

    Optional<VerificationReport> verification(String runId);

    /**
     * A role's plan with the bindings that involve it: those whose association will name it (the association
     * step keeps the migratable standalone ones) and those of its own IRSA trust (the OIDC cleanup's).
     */
    record RoleWork(RolePlan role, List<Binding> bindings) {
    }
}
