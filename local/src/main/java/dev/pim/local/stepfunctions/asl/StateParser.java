package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;
import dev.pim.local.stepfunctions.payload.DynamicValue;
import dev.pim.local.stepfunctions.task.TaskResource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses one state by its Type, with its Retry and Catch; Choice and Map have parsers of their own. */
final class StateParser {
    private static final String TRANSITIONS = "Next End ";
    private static final String PATHS = "InputPath OutputPath ";
    private static final String RESULTS = "ResultPath ResultSelector ";
    /** The fields each Type the engine runs may have, besides Type, Comment and QueryLanguage. */
    private static final Map<String, String> FIELDS = Map.of(
            "Pass", TRANSITIONS + PATHS + "ResultPath Parameters Result",
            "Task", TRANSITIONS + PATHS + RESULTS + "Parameters Resource Retry Catch",
            "Wait", TRANSITIONS + PATHS + "Seconds SecondsPath",
            "Succeed", PATHS,
            "Fail", "Error Cause ErrorPath CausePath",
            "Choice", PATHS + "Choices Default",
            "Map", TRANSITIONS + PATHS + RESULTS + "Retry Catch ItemSelector ItemsPath ItemProcessor MaxConcurrency"
                    + " MaxConcurrencyPath ItemBatcher ItemReader ResultWriter");
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
            f.unsupported("Type", "Type Parallel");
            return null;
        }
        if (!FIELDS.containsKey(type)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field 'Type' should have one of these values: "
                    + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", "Type");
            return null;
        }
        Set<String> allowed = new HashSet<>(List.of(FIELDS.get(type).split(" ")));
        allowed.addAll(List.of("Type", "QueryLanguage"));
        f.allowOnly(allowed);
        DefinitionParser.checkQueryLanguage(f);
        DataFlow io = new DataFlow(f.nullablePath("InputPath"), f.template("Parameters"), f.template("ResultSelector"),
                f.resultPath("ResultPath"), f.nullablePath("OutputPath"));
        return switch (type) {
            case "Pass" -> new PassState(name, io, f.raw("Result"), next(f));
            case "Task" -> task(name, f, io);
            case "Wait" -> waitState(name, f, io);
            case "Succeed" -> new SucceedState(name, io);
            case "Fail" -> new FailState(name, f.string("Error"), f.string("Cause"), dynamic(f, "Error"), dynamic(f, "Cause"));
            case "Choice" -> ChoiceRuleParser.choice(name, f, io);
            default -> MapStateParser.map(name, f, io);
        };
    }

    /** Next, or null for End: true; exactly one of the two. */
    static String next(Fields f) {
        String next = f.string("Next");
        boolean ends = f.isTrue("End");
        if (next != null && ends) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Only one of 'Next' or 'End' can be set", null);
        } else if (next == null && !ends && !f.has("Next")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A non-terminal state must have a 'Next' field or 'End': true", null);
        }
        return next;
    }

    /**
     * Lambda tasks only: a function ARN, or the optimized integration {@code arn:aws:states:::lambda:invoke}, whose
     * Parameters must name the FunctionName (CreateStateMachine checks it).
     */
    private static State task(String name, Fields f, DataFlow io) {
        f.require("Resource");
        String resource = f.string("Resource");
        if (resource != null && !resource.matches("arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\\d{12})?:.+")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Value is not a valid resource ARN", "Resource");
        } else if (resource != null && !resource.equals(TaskResource.LAMBDA_INVOKE) && !resource.matches(LAMBDA_FUNCTION)) {
            f.unsupported("Resource", "Resource " + resource);
        }
        JsonNode parameters = io.parameters() == null ? null : io.parameters().template();
        if (TaskResource.LAMBDA_INVOKE.equals(resource) && (parameters == null || !parameters.isObject())) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field \"Parameters\" is required for " + resource, null);
        } else if (TaskResource.LAMBDA_INVOKE.equals(resource) && !parameters.has("FunctionName") && !parameters.has("FunctionName.$")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field \"FunctionName\" is required but was missing", "Parameters");
        }
        return new TaskState(name, io, resource, errorHandling(f), next(f));
    }

    private static State waitState(String name, Fields f, DataFlow io) {
        if (f.has("Seconds") == f.has("SecondsPath") && !f.has("Timestamp") && !f.has("TimestampPath")) {
            f.problem("SCHEMA_VALIDATION_FAILED", "A Wait state needs exactly one of [Seconds, SecondsPath]", null);
        }
        Integer seconds = f.integer("Seconds", 0, 99_999_999);
        return new WaitState(name, io, seconds == null ? null : seconds.longValue(), f.referencePath("SecondsPath"), next(f));
    }

    private static DynamicValue dynamic(Fields f, String field) {
        String pathField = field + "Path";
        if (f.has(field) && f.has(pathField)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "Only one of " + field + " and " + pathField + " can be set", null);
        }
        String text = f.string(pathField);
        try {
            return text == null ? null : DynamicValue.compile(text, true);
        } catch (IllegalArgumentException e) {
            f.problem("INVALID_JSON_PATH", "Invalid value in field '" + pathField + "': " + e.getMessage(), pathField);
            return null;
        }
    }

    /** Retry and Catch, with the rules on States.ALL (alone in its ErrorEquals, in the last entry). */
    static ErrorHandling errorHandling(Fields state) {
        List<Retrier> retriers = new ArrayList<>();
        List<Fields> retry = state.objects("Retry");
        for (Fields f : retry) {
            f.allowOnly(Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                    "JitterStrategy"));
            List<String> errors = errorEquals(f, f == retry.get(retry.size() - 1));
            Integer interval = f.integer("IntervalSeconds", 1, 99_999_999);
            Integer maxAttempts = f.integer("MaxAttempts", 0, 99_999_999);
            Double backoff = f.number("BackoffRate", 1, 99_999_999);
            String jitter = f.string("JitterStrategy");
            if (jitter != null && !Set.of("FULL", "NONE").contains(jitter)) {
                f.problem("SCHEMA_VALIDATION_FAILED", "The field 'JitterStrategy' should have one of these values:"
                        + " [FULL, NONE]", "JitterStrategy");
            }
            retriers.add(new Retrier(errors, interval == null ? 1 : interval, maxAttempts == null ? 3 : maxAttempts,
                    backoff == null ? 2.0 : backoff, f.integer("MaxDelaySeconds", 1, 31_622_400), "FULL".equals(jitter)));
        }
        List<Catcher> catchers = new ArrayList<>();
        List<Fields> catches = state.objects("Catch");
        for (Fields f : catches) {
            f.allowOnly(Set.of("ErrorEquals", "Next", "ResultPath"));
            f.require("Next");
            List<String> errors = errorEquals(f, f == catches.get(catches.size() - 1));
            String next = f.string("Next");
            if (next != null) {
                catchers.add(new Catcher(errors, next, f.resultPath("ResultPath")));
            }
        }
        return new ErrorHandling(retriers, catchers);
    }

    private static List<String> errorEquals(Fields f, boolean last) {
        f.require("ErrorEquals");
        JsonNode names = f.array("ErrorEquals");
        List<String> out = new ArrayList<>();
        if (names != null && names.isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "ErrorEquals must name at least one error", "ErrorEquals");
        }
        for (JsonNode name : names == null ? List.<JsonNode>of() : names) {
            if (name.isTextual()) {
                out.add(name.textValue());
            } else {
                f.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: String", "ErrorEquals");
            }
        }
        if (out.contains(ErrorNames.ALL) && (out.size() > 1 || !last)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone in ErrorEquals, in the last entry",
                    "ErrorEquals");
        }
        return out;
    }
}
