package dev.pim.migration.apply;

import java.util.List;
import java.util.Optional;

/**
 * The migration's steps, in the order that keeps every workload with a working credential path at every moment:
 * the one description both the CLI's run ({@code Migration.apply}) and the state machine (generated from it, with
 * the functions of {@code template.yaml}) follow. Each step names what it does to a run ({@link StepAction}); a step
 * that runs once has its function call the same action, so adding one is an entry here, its handler and its test.
 * The order is the safety argument: originals saved before any write; the agent before any association; a role's
 * trust before its associations; annotations removed only after the association exists; OIDC trust removed only
 * after verification.
 */
public record Workflow(List<WorkflowStep> steps) {

    private static final List<RetryPolicy> LAMBDA_TASK = List.of(RetryPolicy.LAMBDA_SERVICE, RetryPolicy.THROTTLED);

    public static final Workflow MIGRATION = new Workflow(List.of(
            // The plan was made after its preflight; a failed one stopped the run before it opened (Migration.apply).
            once("Preflight", "Validates the input (a bad field fails the execution here, naming it), checks the cluster, "
                    + "opens the run.", run -> true),
            once("Discover", "Discovery and the plan, before any change; saves every planned role's trust policy to the "
                    + "journal before any write.", Migration::saveOriginals),
            once("EnsureAgent", "Installs eks-pod-identity-agent when it is missing.", Migration::ensureAgent),
            new WorkflowStep("MigrateRoles", "Child executions of roleBatchSize roles each (the parent's history does not "
                    + "grow with the roles): per role, its trust policy once, then its associations. A failing role does "
                    + "not stop the others.", Fanout.PER_ROLE, Optional.empty(), LAMBDA_TASK, Migration::updateRoles),
            new WorkflowStep("MigrateAddons", "Add-ons through UpdateAddon, so their associations are add-on-owned; each "
                    + "polled until ACTIVE.", Fanout.PER_ADDON, Optional.empty(), LAMBDA_TASK, Migration::migrateAddons),
            optional("RestartWorkloads", "Rollout restarts, restartBudget at a time; new pods get the Pod Identity "
                    + "environment.", WorkflowOption.RESTART_WORKLOADS, Migration::restartWorkloads),
            optional("RemoveAnnotations", "Only where the association exists and every pod moved.",
                    WorkflowOption.REMOVE_IRSA_ANNOTATION, Migration::removeAnnotations),
            once("Verify", "Every binding: its association, its role's trust, its pods on Pod Identity, the agent running.",
                    Migration::verify),
            new WorkflowStep("StripOidcTrust", "This cluster's OIDC subjects out of each role, for verified bindings only; "
                    + "batches of roleBatchSize roles, as MigrateRoles.", Fanout.PER_ROLE,
                    Optional.of(WorkflowOption.REMOVE_OIDC_TRUST), LAMBDA_TASK, Migration::stripOidcTrust),
            // Migration.apply reports once the steps end, whether every step ran or one stopped the run.
            once("Report", "The run's report, from the journal: the execution's output.", run -> true)));

    public Workflow {
        steps = List.copyOf(steps);
        if (steps.stream().map(WorkflowStep::name).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("two workflow steps have the same name: " + steps);
        }
    }

    public WorkflowStep step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no workflow step named '" + name + "'"));
    }

    private static WorkflowStep once(String name, String purpose, StepAction action) {
        return new WorkflowStep(name, purpose, Fanout.ONCE, Optional.empty(), LAMBDA_TASK, action);
    }

    private static WorkflowStep optional(String name, String purpose, WorkflowOption option, StepAction action) {
        return new WorkflowStep(name, purpose, Fanout.ONCE, Optional.of(option), LAMBDA_TASK, action);
    }
}
