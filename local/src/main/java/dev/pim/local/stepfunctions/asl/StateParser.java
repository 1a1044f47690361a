package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.Unsupported;
import dev.pim.local.stepfunctions.payload.DynamicValue;
import dev.pim.local.stepfunctions.task.TaskResource;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses one state by its Type; Choice and Map have parsers of their own. */
final class StateParser {
    static final Set<String> TYPES = Set.of("Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Map");
    static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(99_999_999);
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Set<String> TRANSITION = Set.of("Next", "End");
    private static final Set<String> PATHS = Set.of("InputPath", "OutputPath");
    private static final Set<String> RESULT = Set.of("ResultPath", "Parameters");
    private static final List<String> TASK_NOT_SUPPORTED = List.of("TimeoutSeconds", "TimeoutSecondsPath",
            "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials");
    private static final String LAMBDA_FUNCTION = "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:.+";

    private StateParser() {
    }

    /** The state, or null when it is too broken to build (problems are recorded). */
    static State parse(String name, Fields f) {
        f.require("Type");
        String type = f.string("Type");
        if (type == null) {
            return null;
        }
        if (type.equals("Parallel")) {
            f.problems().add(Unsupported.problem(f.at("Type"), "Type Parallel"));
            return null;
        }
        if (!TYPES.contains(type)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field 'Type' should have one of these values: "
                    + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", "Type");
            return null;
        }
        DefinitionParser.checkQueryLanguage(f);
        if (f.has("Assign")) {
            f.unsupported("Assign");
        }
        return switch (type) {
            case "Pass" -> pass(name, f);
            case "Task" -> task(name, f);
            case "Wait" -> waitState(name, f);
            case "Succeed" -> succeed(name, f);
            case "Fail" -> fail(name, f);
            case "Choice" -> ChoiceRuleParser.choice(name, f);
            default -> MapStateParser.map(name, f);
        };
    }

    @SafeVarargs
    static Set<String> allowed(Set<String>... groups) {
        Set<String> all = new HashSet<>(COMMON);
        for (Set<String> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    static Set<String> transitionFields() {
        return TRANSITION;
    }

    static Set<String> pathFields() {
        return PATHS;
    }

    /** Next, or null for End: true; exactly one of the two. */
    static String next(Fields f) {
        String next = f.string("Next");
        Boolean end = f.bool("End");
        boolean ends = Boolean.TRUE.equals(end);
        if (next != null && ends) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Only one of 'Next' or 'End' can be set", null);
        } else if (next == null && !ends && !f.has("Next")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A non-terminal state must have a 'Next' field or 'End': true", null);
        }
        return next;
    }

    static DataFlow dataFlow(Fields f, boolean resultSelector) {
        return new DataFlow(f.nullablePath("InputPath"), f.template("Parameters"),
                resultSelector ? f.template("ResultSelector") : null, f.resultPath("ResultPath"),
                f.nullablePath("OutputPath"));
    }

    private static State pass(String name, Fields f) {
        f.allowOnly(allowed(TRANSITION, PATHS, RESULT, Set.of("Result")));
        return new PassState(name, dataFlow(f, false), f.raw("Result"), next(f));
    }

    /**
     * Lambda tasks only: a function ARN, or the optimized integration {@code arn:aws:states:::lambda:invoke}, whose
     * Parameters must name the FunctionName (CreateStateMachine checks it).
     */
    private static State task(String name, Fields f) {
        TASK_NOT_SUPPORTED.stream().filter(f::has).forEach(f::unsupported);
        f.allowOnly(allowed(TRANSITION, PATHS, RESULT, Set.of("ResultSelector", "Resource", "Retry", "Catch"),
                Set.copyOf(TASK_NOT_SUPPORTED)));
        f.require("Resource");
        String resource = f.string("Resource");
        if (resource != null && !resource.matches("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12})?:.+")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Value is not a valid resource ARN", "Resource");
        } else if (resource != null && !resource.equals(TaskResource.LAMBDA_INVOKE) && !resource.matches(LAMBDA_FUNCTION)) {
            f.problems().add(Unsupported.problem(f.at("Resource"), "Resource " + resource));
        }
        DataFlow io = dataFlow(f, true);
        JsonNode parameters = io.parameters() == null ? null : io.parameters().template();
        if (TaskResource.LAMBDA_INVOKE.equals(resource) && (parameters == null || !parameters.isObject())) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field \"Parameters\" is required for " + resource, null);
        } else if (TaskResource.LAMBDA_INVOKE.equals(resource) && !parameters.has("FunctionName") && !parameters.has("FunctionName.$")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field \"FunctionName\" is required but was missing", "Parameters");
        }
        return new TaskState(name, io, resource, ErrorHandlingParser.parse(f), next(f));
    }

    private static State waitState(String name, Fields f) {
        List<String> notSupported = List.of("Timestamp", "TimestampPath");
        notSupported.stream().filter(f::has).forEach(f::unsupported);
        f.allowOnly(allowed(TRANSITION, PATHS, Set.of("Seconds", "SecondsPath"), Set.copyOf(notSupported)));
        if (f.has("Seconds") == f.has("SecondsPath") && notSupported.stream().noneMatch(f::has)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A Wait state needs exactly one of [Seconds, SecondsPath]", null);
        }
        Integer seconds = f.integer("Seconds", 0, MAX_SECONDS.longValue());
        return new WaitState(name, DataFlow.paths(f.nullablePath("InputPath"), f.nullablePath("OutputPath")),
                seconds == null ? null : seconds.longValue(), f.referencePath("SecondsPath"), next(f));
    }
    private static State succeed(String name, Fields f) {
        f.allowOnly(allowed(PATHS));
        return new SucceedState(name, DataFlow.paths(f.nullablePath("InputPath"), f.nullablePath("OutputPath")));
    }

    private static State fail(String name, Fields f) {
        f.allowOnly(allowed(Set.of("Error", "Cause", "ErrorPath", "CausePath")));
        return new FailState(name, f.string("Error"), f.string("Cause"), dynamic(f, "Error"), dynamic(f, "Cause"));
    }

    private static DynamicValue dynamic(Fields f, String field) {
        String pathField = field + "Path";
        if (f.has(field) && f.has(pathField)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Only one of " + field + " and " + pathField + " can be set", null);
        }
        String text = f.string(pathField);
        if (text == null) {
            return null;
        }
        try {
            return DynamicValue.compile(text, true);
        } catch (IllegalArgumentException e) {
            f.problem("INVALID_JSON_PATH", "Invalid value in field '" + pathField + "': " + e.getMessage(), pathField);
            return null;
        }
    }
}
