package dev.pim.cli.bench;

import dev.pim.migration.plan.AssociationQuota;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The bench as tables: the bounds per size and path, the calls against the floor, then the cold starts. */
final class BenchTable {
    private BenchTable() {
    }

    static void print(PrintWriter out, BenchDocument doc) {
        BenchSettings s = doc.settings();
        out.printf(Locale.ROOT, "pim bench: latency %d ms, IAM and EKS writes %s/s each (bursts of %d), concurrency %d%s, seed %d%n",
                s.latencyMillis(), number(s.writeRatePerSecond()), s.writeBurst(), s.concurrency(),
                s.concurrencyIsCliDefault() ? " (migrate's default)" : "", s.seed());
        out.printf(Locale.ROOT, "machine: %d cores, %s, %s%n", doc.machine().cores(), doc.machine().java(), doc.machine().os());
        if (!s.invariantChecks()) {
            out.println("invariant checks after each call: off");
        }
        if (s.associationsPerCluster() != AssociationQuota.EKS_PER_CLUSTER) {
            out.printf(Locale.ROOT, "Pod Identity associations per cluster: %,d on the local cloud and in the plan "
                    + "(EKS's quota is %,d, not adjustable)%n", s.associationsPerCluster(), AssociationQuota.EKS_PER_CLUSTER);
        }
        out.println();
        out.printf(Locale.ROOT, "%-9s %-8s %-9s %8s %8s %6s %8s %6s %-11s %6s %6s %6s %9s %9s %6s %8s %8s%n",
                "BINDINGS", "ROLES", "PATH", "WALL s", "T_MIN s", "×MIN", "T_CONC s", "×CONC", "BOUND",
                "W_IAM", "W_EKS", "READS", "READS/BND", "THROTTLED", "RERUN", "HISTORY", "PAYLOAD");
        for (SizeResult size : doc.sizes()) {
            for (PathResult p : size.paths()) {
                out.printf(Locale.ROOT, "%-9d %-8d %-9s %8.2f %8.2f %6.2f %8.2f %6.2f %-11s %6d %6d %6d %9.2f %8.0f%% %6d %8s %8s%n",
                        size.bindings(), size.roles(), p.path(), p.wallSeconds(), p.tMinSeconds(), p.wallOverTMin(),
                        p.tConcSeconds(), p.wallOverTConc(), p.dominantBound(), p.iamWrites(), p.eksWrites(), p.reads(),
                        p.readsPerBinding(), p.throttledPerWrite() * 100, p.rerunWrites(),
                        p.largestHistoryEvents() == null ? "-" : String.valueOf(p.largestHistoryEvents()),
                        p.largestPayloadBytes() == null ? "-" : kib(p.largestPayloadBytes()));
                if (!p.status().equals("SUCCEEDED")) {
                    out.println("          ! " + p.path() + " run: " + p.status());
                }
            }
        }
        for (SizeResult size : doc.sizes()) {
            out.println();
            out.printf(Locale.ROOT, "Calls at %d bindings (%d service accounts, %d roles, add-ons %s), served against the minimum%n",
                    size.bindings(), size.serviceAccounts(), size.roles(), size.irsaAddons());
            out.printf(Locale.ROOT, "  %-40s %-6s", "OPERATION", "MIN");
            size.paths().forEach(p -> out.printf(Locale.ROOT, " %14s", p.path().toUpperCase(Locale.ROOT)));
            out.println();
            Map<String, Boolean> operations = new TreeMap<>();
            size.paths().forEach(p -> p.calls().forEach(c -> operations.merge(c.operation(), c.write(), Boolean::logicalOr)));
            for (var op : operations.entrySet()) {
                Long minimum = size.floor().minimum(op.getKey());
                out.printf(Locale.ROOT, "  %-40s %-6s", op.getKey() + (op.getValue() ? " (w)" : ""),
                        minimum == null ? "-" : String.valueOf(minimum));
                for (PathResult p : size.paths()) {
                    PathResult.OperationCalls same = p.calls().stream().filter(c -> c.operation().equals(op.getKey()))
                            .findFirst().orElse(null);
                    out.printf(Locale.ROOT, " %14s", same == null ? "0" : same.served()
                            + (same.throttled() > 0 ? " +" + same.throttled() + "t" : ""));
                }
                out.println();
            }
            size.paths().stream().filter(p -> p.path().equals("pipeline")).forEach(p -> {
                out.printf(Locale.ROOT, "  pipeline: %d journal and Step Functions calls besides; %d executions walked%n",
                        p.plumbingCalls(), p.executions() == null ? 0 : p.executions());
                if (!p.stateSeconds().isEmpty()) {
                    StringBuilder states = new StringBuilder();
                    p.stateSeconds().forEach((state, seconds) -> states.append(states.isEmpty() ? "" : ", ")
                            .append(String.format(Locale.ROOT, "%s %.1f", state, seconds)));
                    out.println("  pipeline seconds per state (a Map's iterations summed): " + states);
                }
            });
        }
        out.println();
        coldStart(out, doc.coldStart());
    }

    private static void coldStart(PrintWriter out, BenchDocument.ColdStart cold) {
        if (!cold.measured()) {
            out.println("cold start: not measured");
            return;
        }
        out.printf(Locale.ROOT, "Cold start, JVM start to first response, median of %d runs (%s)%n", cold.runs(), cold.javaFlags());
        out.printf(Locale.ROOT, "  %-28s %-8s %10s %10s %9s %8s %6s%n", "FUNCTION", "K8S", "PACKAGE", "MEDIAN ms", "CLASSES", "×HELLO", "GOAL");
        var hello = cold.helloWorld();
        out.printf(Locale.ROOT, "  %-28s %-8s %10s %10.0f %9d %8s %6s%n", hello.function(), "no", mib(hello.packageBytes()),
                hello.medianMillis(), hello.classesLoaded(), "1.00", "");
        for (BenchDocument.Function f : cold.functions()) {
            var r = f.row();
            out.printf(Locale.ROOT, "  %-28s %-8s %10s %10.0f %9d %8.2f %5s%s%n", r.function(), r.usesKubernetes() ? "yes" : "no",
                    mib(r.packageBytes()), r.medianMillis(), r.classesLoaded(), f.ratioToHelloWorld(),
                    "≤" + number(f.goalRatio()), f.withinGoal() ? "" : " !");
        }
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1fK", bytes / 1024.0);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1fM", bytes / (1024.0 * 1024));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
