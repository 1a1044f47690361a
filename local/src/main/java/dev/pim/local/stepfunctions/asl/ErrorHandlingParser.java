package dev.pim.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.errors.ErrorNames;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses Retry and Catch, with the rules on States.ALL (alone in its ErrorEquals, in the last entry). */
final class ErrorHandlingParser {
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");

    private ErrorHandlingParser() {
    }

    static ErrorHandling parse(Fields state) {
        return new ErrorHandling(retriers(state), catchers(state));
    }

    private static List<Retrier> retriers(Fields state) {
        List<Retrier> out = new ArrayList<>();
        JsonNode retry = state.array("Retry");
        if (retry == null) {
            return out;
        }
        for (int i = 0; i < retry.size(); i++) {
            Fields f = new Fields(retry.get(i), state.at("Retry/" + i), state.problems());
            if (!retry.get(i).isObject()) {
                f.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                continue;
            }
            f.allowOnly(RETRIER_FIELDS);
            List<String> errors = errorEquals(f, i == retry.size() - 1);
            Integer interval = f.integer("IntervalSeconds", 1, 99_999_999);
            Integer maxAttempts = f.integer("MaxAttempts", 0, 99_999_999);
            BigDecimal backoff = f.number("BackoffRate", BigDecimal.ONE, BigDecimal.valueOf(99_999_999));
            Integer maxDelay = f.integer("MaxDelaySeconds", 1, 31_622_400);
            out.add(new Retrier(errors, interval == null ? 1 : interval, maxAttempts == null ? 3 : maxAttempts,
                    backoff == null ? 2.0 : backoff.doubleValue(), maxDelay, jitter(f)));
        }
        return out;
    }

    private static List<Catcher> catchers(Fields state) {
        List<Catcher> out = new ArrayList<>();
        JsonNode catchNode = state.array("Catch");
        if (catchNode == null) {
            return out;
        }
        for (int i = 0; i < catchNode.size(); i++) {
            Fields f = new Fields(catchNode.get(i), state.at("Catch/" + i), state.problems());
            if (!catchNode.get(i).isObject()) {
                f.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: Object", null);
                continue;
            }
            f.allowOnly(CATCHER_FIELDS);
            f.require("ErrorEquals", "Next");
            List<String> errors = errorEquals(f, i == catchNode.size() - 1);
            String next = f.string("Next");
            if (next != null) {
                out.add(new Catcher(errors, next, f.resultPath("ResultPath")));
            }
        }
        return out;
    }

    private static List<String> errorEquals(Fields f, boolean last) {
        f.require("ErrorEquals");
        JsonNode names = f.array("ErrorEquals");
        List<String> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        if (names.isEmpty()) {
            f.problem("SCHEMA_VALIDATION_FAILED", "ErrorEquals must name at least one error", "ErrorEquals");
        }
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                f.problem("SCHEMA_VALIDATION_FAILED", "Expected value of type: String", "ErrorEquals");
            } else {
                out.add(name.textValue());
            }
        }
        if (out.contains(ErrorNames.ALL) && (out.size() > 1 || !last)) {
            f.problem("SCHEMA_VALIDATION_FAILED", "States.ALL must appear alone in ErrorEquals, in the last entry",
                    "ErrorEquals");
        }
        return out;
    }

    private static Retrier.JitterStrategy jitter(Fields f) {
        String jitter = f.string("JitterStrategy");
        if (jitter == null) {
            return Retrier.JitterStrategy.NONE;
        }
        try {
            return Retrier.JitterStrategy.valueOf(jitter);
        } catch (IllegalArgumentException e) {
            f.problem("SCHEMA_VALIDATION_FAILED", "The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
                    "JitterStrategy");
            return Retrier.JitterStrategy.NONE;
        }
    }
}
