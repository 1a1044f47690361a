package dev.pim.statemachine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.migration.apply.Fanout;
import dev.pim.migration.apply.RetryPolicy;
import dev.pim.migration.apply.Workflow;
import dev.pim.migration.apply.WorkflowOption;
import dev.pim.migration.apply.WorkflowStep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.pim.statemachine.AslJson.arr;
import static dev.pim.statemachine.AslJson.obj;

/**
 * Writes {@code statemachine/migrate-cluster.asl.json} from {@link Workflow#MIGRATION}: each step, in the workflow's
 * order, becomes its states (a Choice in front of a step an option turns on), each Lambda task with the step's
 * {@link RetryPolicy retries} and a Catch that reports what was done before failing. A step that runs once and
 * returns a {@code StepSummary} needs nothing here; the steps with a shape of their own (the preflight and plan
 * branches, the agent's wait loop, the Maps, the report) are built by name below.
 *
 * <p>Run {@link #main} (or copy the file {@code StateMachineDefinitionTest} writes to {@code target/}) after
 * changing the workflow.
 */
public final class StateMachineGenerator {
    static final Path DEFINITION = Path.of("statemachine", "migrate-cluster.asl.json");
    private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final String REPORT_CRASH = "ReportCrash";

    /** The Choice in front of an optional step, by the option that turns it on. */
    private static final Map<WorkflowOption, String> GATES = Map.of(WorkflowOption.RESTART_WORKLOADS, "RestartRequested",
            WorkflowOption.REMOVE_IRSA_ANNOTATION, "AnnotationsRequested", WorkflowOption.REMOVE_OIDC_TRUST, "CleanupRequested");

    /** What the execution keeps of a once-step's result, and where; by default a StepSummary's counts. */
    private record Kept(String path, List<String> fields) {
    }

    private static final Map<String, Kept> KEPT = Map.of("RestartWorkloads", new Kept("$.restart", List.of("done", "failed")),
            "RemoveAnnotations", new Kept("$.annotations", List.of("done", "failed")),
            "Verify", new Kept("$.verification", List.of("verified", "bindings", "clean")));

    /** A per-role Map: its batch function, its states, how a crashed batch is told, where crashes are collected. */
    private record RoleMap(String function, String task, String crashed, String crashFormat, String crashes) {
    }

    private static final Map<String, RoleMap> ROLE_MAPS = Map.of(
            "MigrateRoles", new RoleMap("MigrateRoleBatch", "MigrateRoleBatch", "BatchCrashed",
                    "{} roles from role {}: {}", "roles"),
            "StripOidcTrust", new RoleMap("StripOidcTrustBatch", "StripRoleBatch", "CleanupBatchCrashed",
                    "cleanup of {} roles from role {}: {}", "cleanup"));

    private final Workflow workflow;

    StateMachineGenerator(Workflow workflow) {
        this.workflow = workflow;
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Path.of("..");
        Files.writeString(root.resolve(DEFINITION), new StateMachineGenerator(Workflow.MIGRATION).text(), StandardCharsets.UTF_8);
    }

    String text() {
        return AslJson.write(definition());
    }

    ObjectNode definition() {
        ObjectNode states = obj();
        List<WorkflowStep> steps = workflow.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            // Built from the last step back, so each knows the entry of the one after it; kept in workflow order.
            String next = i + 1 < steps.size() ? entry(steps.get(i + 1)) : null;
            ObjectNode fragment = states(steps.get(i), next);
            fragment.setAll(states);
            states = fragment;
        }
        return obj("Comment", "Migrates one EKS cluster from IRSA to EKS Pod Identity (pod-identity-migrator).",
                "StartAt", entry(steps.get(0)), "States", states);
    }

    /** The state a step starts at: its gate when an option turns it on. */
    private static String entry(WorkflowStep step) {
        return switch (step.name()) {
            case "Discover" -> "Approved";
            case "EnsureAgent" -> "NeedsAgent";
            default -> step.enabledBy().map(GATES::get).orElse(step.name());
        };
    }

    private ObjectNode states(WorkflowStep step, String next) {
        ObjectNode states = switch (step.name()) {
            case "Preflight" -> preflight(step, next);
            case "Discover" -> discover(step, next);
            case "EnsureAgent" -> agent(step, next);
            case "MigrateAddons" -> addons(step, next);
            case "Report" -> report(step);
            default -> step.fanout() == Fanout.PER_ROLE ? obj(step.name(), roleMap(step, next))
                    : obj(step.name(), once(step, next));
        };
        return step.enabledBy().map(option -> gated(option, step.name(), next, states)).orElse(states);
    }

    private static ObjectNode gated(WorkflowOption option, String step, String next, ObjectNode states) {
        ObjectNode gate = obj(GATES.get(option), obj("Type", "Choice",
                "Choices", arr(obj("Variable", "$.input." + option.field(), "BooleanEquals", true, "Next", step)),
                "Default", next));
        gate.setAll(states);
        return gate;
    }

    private ObjectNode once(WorkflowStep step, String next) {
        Kept kept = KEPT.getOrDefault(step.name(), new Kept("$." + Character.toLowerCase(step.name().charAt(0))
                + step.name().substring(1), List.of("done", "failed")));
        ObjectNode selector = obj();
        kept.fields().forEach(f -> selector.put(f + ".$", "$.Payload." + f));
        return task(step, step.purpose(), step.name(), runPayload(), selector, "ResultPath", kept.path(), next);
    }

    private ObjectNode preflight(WorkflowStep step, String next) {
        return obj(step.name(), task(step, step.purpose(), "Preflight", obj("input.$", "$", "executionId.$", "$$.Execution.Id"),
                        selector("input", "runId", "passed", "failures", "agent"), "ResultPath", "$", "PreflightPassed")
                        .without("Catch"),
                "PreflightPassed", obj("Type", "Choice",
                        "Choices", arr(obj("Variable", "$.passed", "BooleanEquals", false, "Next", "ReportPreflightFailure")),
                        "Default", "InitCrashes"),
                "ReportPreflightFailure", reportTask(null, runPayload().put("preflightFailures.$", "$.failures"),
                        "ResultPath", "$.outcome", "PreflightFailed"),
                "PreflightFailed", obj("Type", "Fail", "Error", "PreflightFailed", "CausePath", "States.JsonToString($.failures)"),
                "InitCrashes", obj("Type", "Pass", "Comment", "Where Map iterations that crash outright are collected for the report.",
                        "Result", crashLists(null), "ResultPath", "$.crashes", "Next", next));
    }

    private ObjectNode discover(WorkflowStep step, String next) {
        return obj("Approved", obj("Type", "Choice", "Comment", "approve: false plans and stops before any change to the "
                                + "cluster; approve: true plans first, then installs the agent only if something will use it.",
                        "Choices", arr(obj("Variable", "$.input.approve", "BooleanEquals", true, "Next", step.name())),
                        "Default", "Plan"),
                "Plan", task(step, "Plan only: discovery and the plan, kept in the plan store for the report.", step.name(),
                        runPayload(), selector("bindings", "byClass", "roleIndexes", "addons"), "ResultPath", "$.discovery",
                        "Report"),
                step.name(), task(step, step.purpose(), step.name(), runPayload(), selector("bindings", "byClass", "roleIndexes",
                        "addons", "needsAgent", "roleBatches"), "ResultPath", "$.discovery", next));
    }

    private ObjectNode agent(WorkflowStep step, String next) {
        ObjectNode agentWait = selector("state", "startedAt", "detail", "waitSeconds");
        return obj("NeedsAgent", obj("Type", "Choice", "Comment", "The agent is installed (and waited for) only when the plan "
                                + "creates an association or moves an add-on.",
                        "Choices", arr(obj("Variable", "$.discovery.needsAgent", "BooleanEquals", true, "Next", "AgentPresent")),
                        "Default", next),
                "AgentPresent", obj("Type", "Choice", "Choices", arr(either("$.agent", "ACTIVE", "AUTO_MODE", next),
                        either("$.agent", "DEGRADED", "FAILED", "ReportAgentFailure")), "Default", step.name()),
                step.name(), task(step, step.purpose(), step.name(), runPayload(), agentWait, "ResultPath", "$.agentWait", "AgentReady"),
                "AgentReady", obj("Type", "Choice", "Choices", arr(either("$.agentWait.state", "ACTIVE", "AUTO_MODE", next),
                        either("$.agentWait.state", "CREATING", "UPDATING", "WaitForAgent")), "Default", "ReportAgentFailure"),
                "WaitForAgent", obj("Type", "Wait", "Comment", "As long as the agent's status said: 1 s first, then doubling up to "
                        + "a cap (no fixed wait).", "SecondsPath", "$.agentWait.waitSeconds", "Next", "AgentStatus"),
                "AgentStatus", task(step, null, "AgentStatus", runPayload().put("waitStartedAt.$", "$.agentWait.startedAt"),
                        agentWait.deepCopy(), "ResultPath", "$.agentWait", "AgentReady"),
                "ReportAgentFailure", reportTask(null, runPayload(), "ResultPath", "$.outcome", "AgentNotReady"),
                "AgentNotReady", obj("Type", "Fail", "Error", "AgentNotReady", "Cause", "The eks-pod-identity-agent add-on did not "
                        + "become ACTIVE (CREATE_FAILED, DEGRADED or the timeout); no trust policy or association was changed. "
                        + "See the run's report in the journal."));
    }

    private ObjectNode roleMap(WorkflowStep step, String next) {
        RoleMap map = ROLE_MAPS.get(step.name());
        ObjectNode batch = obj("Type", "Task", "Resource", LAMBDA_INVOKE,
                "Parameters", obj("FunctionName", function(map.function()), "Payload.$", "$"), "OutputPath", "$.Payload",
                "Retry", retry(step.retries()), "Catch", catchTo(map.crashed()), "End", true);
        ObjectNode crashed = obj("Type", "Pass", "Comment", "The whole batch failed after its retries; its roles' outcomes so "
                + "far are in the journal.", "Parameters", obj("crashed.$", "States.Format('" + map.crashFormat()
                + "', States.ArrayLength($.Items), $.Items[0], $.error.Error)"), "End", true);
        return obj("Type", "Map", "Comment", step.purpose(), "ItemsPath", "$.discovery.roleIndexes",
                "MaxConcurrencyPath", "$.discovery.roleBatches",
                "ItemBatcher", obj("MaxItemsPerBatchPath", "$.input.roleBatchSize", "BatchInput", runPayload()),
                "ItemProcessor", obj("ProcessorConfig", obj("Mode", "DISTRIBUTED", "ExecutionType", "STANDARD"),
                        "StartAt", map.task(), "States", obj(map.task(), batch, map.crashed(), crashed)),
                "ResultSelector", obj("list.$", "$[?(@.crashed)].crashed"), "ResultPath", "$.crashes." + map.crashes(),
                "Catch", catchTo(REPORT_CRASH), "Next", next);
    }

    private ObjectNode addons(WorkflowStep step, String next) {
        ObjectNode item = obj("input.$", "$.input", "runId.$", "$.runId", "executionId.$", "$.executionId", "addon.$", "$.addon");
        ObjectNode addonState = selector("status", "startedAt", "waitSeconds");
        ObjectNode states = obj(
                "MigrateAddon", addonTask(step, item, addonState),
                "AddonSettled", obj("Type", "Choice", "Choices", arr(
                                obj("Variable", "$.addonState.status", "StringEquals", "ACTIVE", "Next", "AddonDone"),
                                either("$.addonState.status", "UPDATING", "CREATING", "WaitForAddon")),
                        "Default", "AddonFailed"),
                "WaitForAddon", obj("Type", "Wait", "Comment", "As long as the add-on's status said: 1 s first, then doubling up "
                        + "to a cap.", "SecondsPath", "$.addonState.waitSeconds", "Next", "PollAddon"),
                "PollAddon", addonTask(step, item.deepCopy().put("waitStartedAt.$", "$.addonState.startedAt"), addonState.deepCopy()),
                "AddonDone", obj("Type", "Pass", "Result", obj(), "End", true),
                "AddonFailed", obj("Type", "Pass", "Comment", "The failure is in the journal.", "Result", obj(), "End", true),
                "AddonCrashed", obj("Type", "Pass", "Parameters", obj("crashed.$", "States.Format('addon {}: {}', $.addon, "
                        + "$.error.Error)"), "End", true));
        return obj(step.name(), obj("Type", "Map", "Comment", step.purpose(), "ItemsPath", "$.discovery.addons",
                "MaxConcurrency", 2, "ItemSelector", runPayload().put("addon.$", "$$.Map.Item.Value"),
                "ItemProcessor", obj("ProcessorConfig", obj("Mode", "INLINE"), "StartAt", "MigrateAddon", "States", states),
                "ResultSelector", obj("list.$", "$[?(@.crashed)].crashed"), "ResultPath", "$.crashes.addons",
                "Catch", catchTo(REPORT_CRASH), "Next", next));
    }

    private ObjectNode addonTask(WorkflowStep step, ObjectNode payload, ObjectNode addonState) {
        return obj("Type", "Task", "Resource", LAMBDA_INVOKE, "Parameters", obj("FunctionName", function("MigrateAddon"),
                        "Payload", payload), "ResultSelector", addonState, "ResultPath", "$.addonState",
                "Retry", retry(step.retries()), "Catch", catchTo("AddonCrashed"), "Next", "AddonSettled");
    }

    private ObjectNode report(WorkflowStep step) {
        ObjectNode payload = runPayload().set("crashes", crashLists(".list"));
        return obj(step.name(), reportTask(step.purpose(), payload, "OutputPath", "$.report", null),
                REPORT_CRASH, reportTask("A state failed outright: report what was done, then fail.",
                        runPayload().put("error.$", "$.error"), "ResultPath", "$.outcome", "MigrationFailed"),
                "MigrationFailed", obj("Type", "Fail", "ErrorPath", "$.error.Error", "CausePath", "$.error.Cause"));
    }

    /** The crash lists of the role, add-on and cleanup Maps: empty at first, read by the report. */
    private static ObjectNode crashLists(String readingSuffix) {
        ObjectNode lists = obj();
        for (String map : List.of("roles", "addons", "cleanup")) {
            if (readingSuffix == null) {
                lists.set(map, obj("list", arr()));
            } else {
                lists.put(map + ".$", "$.crashes." + map + readingSuffix);
            }
        }
        return lists;
    }

    /** A Report call: it never catches (it is where failures end up). */
    private ObjectNode reportTask(String comment, ObjectNode payload, String pathKey, String path, String next) {
        return task(workflow.step("Report"), comment, "Report", payload, obj("report.$", "$.Payload"), pathKey, path, next)
                .without("Catch");
    }

    /** A Lambda task: the step's retries, and a Catch that reports before the execution fails. */
    private static ObjectNode task(WorkflowStep step, String comment, String function, ObjectNode payload, ObjectNode selector,
                                   String pathKey, String path, String next) {
        ObjectNode task = obj("Type", "Task");
        if (comment != null) {
            task.put("Comment", comment);
        }
        task.put("Resource", LAMBDA_INVOKE);
        task.set("Parameters", obj("FunctionName", function(function), "Payload", payload));
        task.set("ResultSelector", selector);
        task.put(pathKey, path);
        task.set("Retry", retry(step.retries()));
        task.set("Catch", catchTo(REPORT_CRASH));
        if (next == null) {
            task.put("End", true);
        } else {
            task.put("Next", next);
        }
        return task;
    }

    /** What every step's function gets: the input, the run, the execution. */
    private static ObjectNode runPayload() {
        return obj("input.$", "$.input", "runId.$", "$.runId", "executionId.$", "$$.Execution.Id");
    }

    private static ObjectNode selector(String... fields) {
        ObjectNode selector = obj();
        for (String f : fields) {
            selector.put(f + ".$", "$.Payload." + f);
        }
        return selector;
    }

    private static ObjectNode either(String variable, String one, String other, String next) {
        return obj("Or", arr(obj("Variable", variable, "StringEquals", one), obj("Variable", variable, "StringEquals", other)),
                "Next", next);
    }

    private static String function(String name) {
        return "${" + name + "FunctionArn}";
    }

    private static ArrayNode retry(List<RetryPolicy> policies) {
        ArrayNode retry = arr();
        for (RetryPolicy p : policies) {
            retry.add(obj("ErrorEquals", p.errors(), "IntervalSeconds", p.intervalSeconds(), "MaxAttempts", p.maxAttempts(),
                    "BackoffRate", p.backoffRate(), "MaxDelaySeconds", p.maxDelaySeconds(), "JitterStrategy", "FULL"));
        }
        return retry;
    }

    private static ArrayNode catchTo(String next) {
        return arr(obj("ErrorEquals", List.of("States.ALL"), "ResultPath", "$.error", "Next", next));
    }
}
