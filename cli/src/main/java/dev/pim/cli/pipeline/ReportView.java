package dev.pim.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Prints the report a pipeline execution returns (its output), or why it failed. */
public final class ReportView {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportView() {
    }

    /** @return the report's status, or FAILED when the execution has no report */
    public static String print(PrintWriter out, ExecutionFollower.Result result) {
        if (result.output() == null || result.output().isBlank()) {
            out.println("Execution " + result.status() + (result.error() == null ? "" : ": " + result.error()
                    + (result.cause() == null ? "" : ": " + result.cause())));
            out.flush();
            return "FAILED";
        }
        JsonNode report = parse(result.output());
        out.println("Report of run " + report.path("runId").asText() + " on " + report.path("cluster").asText() + ": "
                + report.path("status").asText());
        List<String> classes = new ArrayList<>();
        report.path("bindings").fields().forEachRemaining(e -> classes.add(e.getValue().asText() + " " + e.getKey()));
        if (!classes.isEmpty()) {
            out.println("  bindings: " + String.join(", ", classes));
        }
        report.path("steps").fields().forEachRemaining(step -> {
            List<String> counts = new ArrayList<>();
            step.getValue().fields().forEachRemaining(c -> counts.add(c.getValue().asText() + " " + c.getKey().toLowerCase()));
            out.println("  " + step.getKey() + ": " + String.join(", ", counts));
        });
        if (report.hasNonNull("verified")) {
            out.println("  verified: " + report.path("verified").asInt() + " of " + report.path("verifiable").asInt()
                    + (report.path("clean").asBoolean() ? " (clean)" : ""));
        }
        if (report.path("failures").size() > 0) {
            out.println("  failures:");
            report.path("failures").forEach(f -> out.println("    " + f.asText()));
        }
        out.flush();
        return report.path("status").asText("FAILED");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the execution's output is not JSON: " + json, e);
        }
    }
}
