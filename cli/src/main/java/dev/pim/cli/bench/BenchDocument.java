package dev.pim.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.bench.coldstart.ColdStartReport;
import dev.pim.cli.bench.coldstart.ColdStartRow;

import java.util.List;

/** The bench's whole result: {@code pim bench --output json} prints it; field names are stable. */
public record BenchDocument(BenchSettings settings, Machine machine, List<SizeResult> sizes, ColdStart coldStart) {
    static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    /** Where it ran: the ratios depend on it. */
    public record Machine(int cores, String java, String os) {
        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    /**
     * Cold starts against the hello-world handler; {@code measured} false when they were skipped or not wired.
     * Goal: at most 3 × hello world for a function without Kubernetes, 5 × with it.
     */
    public record ColdStart(boolean measured, int runs, String javaFlags, ColdStartRow helloWorld, List<Function> functions) {
        static ColdStart of(ColdStartReport report) {
            if (report == null) {
                return new ColdStart(false, 0, null, null, List.of());
            }
            double base = report.helloWorld().medianMillis();
            List<Function> rows = report.functions().stream().map(row -> {
                double ratio = base <= 0 ? 0 : Math.round(row.medianMillis() / base * 100) / 100.0;
                double goal = row.usesKubernetes() ? 5 : 3;
                return new Function(row, ratio, goal, ratio <= goal);
            }).toList();
            return new ColdStart(true, report.runs(), report.javaFlags(), report.helloWorld(), rows);
        }
    }

    public record Function(ColdStartRow row, double ratioToHelloWorld, double goalRatio, boolean withinGoal) {
    }

    static BenchDocument of(BenchSettings settings, List<SizeResult> sizes, ColdStartReport coldStart) {
        return new BenchDocument(settings, Machine.current(), sizes, ColdStart.of(coldStart));
    }
}
