package dev.pim.cli.bench;

import dev.pim.cli.bench.coldstart.ColdStartReport;
import dev.pim.cli.bench.coldstart.ColdStarts;
import dev.pim.local.LocalCloud;
import dev.pim.migration.plan.AssociationQuota;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code pim bench}: generated clusters migrated on the local cloud, against the floors their calls set. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Generate clusters, migrate each on the local cloud with set latency and write rates (the CLI's "
                + "migrate --approve, then the state machine), and print wall time against the rate floor T_min and the "
                + "concurrency floor T_conc computed from the calls the local cloud served; then cold starts.")
public final class BenchCommand implements Callable<Integer> {
    static final int MAX_BINDINGS = 25_000;
    static final int MIN_COLD_START_RUNS = 5;
    static final int MAX_COLD_START_RUNS = 100;
    static final long MAX_LATENCY_MILLIS = 10_000;
    static final double MAX_WRITE_RATE = 10_000;
    static final int MAX_CONCURRENCY = 64;
    /** What the state machine's input takes as maxConcurrency. */
    static final int MAX_PIPELINE_CONCURRENCY = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The {@code pim} command line, for the cli path to run as a user would (given by whoever builds it). */
    private Supplier<CommandLine> cli = () -> {
        throw new IllegalStateException("the bench's cli path needs the pim command line: build it with Pim.commandLine()");
    };

    @Option(names = "--bindings", split = ",", paramLabel = "N",
            description = "Cluster sizes in bindings, repeatable or a list (default: 10,100,1000,5000; 1.." + MAX_BINDINGS + ").")
    List<Integer> bindings;

    @Option(names = "--seed", defaultValue = "9", description = "Seed of the generated clusters (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latency", defaultValue = "30", paramLabel = "MILLIS",
            description = "Latency of every call, in milliseconds (default: ${DEFAULT-VALUE}; 0.." + MAX_LATENCY_MILLIS + ").")
    long latencyMillis;

    @Option(names = "--write-rate", defaultValue = "10", paramLabel = "PER_SECOND",
            description = "IAM writes and EKS writes allowed per second, each family (default: ${DEFAULT-VALUE}; more than 0, "
                    + "at most " + (int) MAX_WRITE_RATE + ").")
    double writeRate;

    @Option(names = "--write-burst", paramLabel = "CALLS",
            description = "Writes each family's token bucket holds, sent at once after a pause (default: one second of "
                    + "--write-rate; 1.." + (int) MAX_WRITE_RATE + "; 1 means no burst at all).")
    Integer writeBurst;

    @Option(names = "--concurrency", paramLabel = "C",
            description = "Roles updated at once, by the CLI and by the state machine (default: migrate's default; 1.."
                    + MAX_CONCURRENCY + ").")
    Integer concurrency;

    @Option(names = "--invariant-checks", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The local cloud checks the migration's promises after every mutating call (default: on). "
                    + "Its cost grows with the cluster: --no-invariant-checks for the largest sizes on a small machine.")
    boolean invariantChecks;

    @Option(names = "--associations-per-cluster", paramLabel = "N", defaultValue = "" + AssociationQuota.EKS_PER_CLUSTER,
            description = "Pod Identity associations a cluster may hold, set on the local cloud and given to the plan "
                    + "(default: EKS's quota, ${DEFAULT-VALUE}, not adjustable: a larger cluster is refused by the plan; "
                    + "1.." + AssociationQuota.MAX_SETTING + ").")
    int associationsPerCluster;

    @Option(names = "--path", split = ",", paramLabel = "PATH",
            description = "Which paths to run: cli, pipeline (default: both).")
    List<BenchPath> paths;

    @Option(names = "--cold-start-runs", defaultValue = "5", paramLabel = "N",
            description = "Cold starts per function, the median reported (default: ${DEFAULT-VALUE}; 0 skips them, else "
                    + MIN_COLD_START_RUNS + ".." + MAX_COLD_START_RUNS + ").")
    int coldStartRuns;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Output output;

    enum BenchPath { cli, pipeline }

    enum Output { table, json }

    /** Gives the bench the command line its cli path runs. */
    public BenchCommand cli(Supplier<CommandLine> commandLine) {
        this.cli = commandLine;
        return this;
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalCredentials.useTestKeyUnlessSet();
        warmUp(settings, err);
        List<SizeResult> sizes = new ArrayList<>();
        boolean allSucceeded = true;
        for (int n : settings.bindings()) {
            GeneratedCluster cluster = GeneratedCluster.generate(n, settings.seed());
            CallFloor floor = CallFloor.of(cluster);
            List<PathResult> results = new ArrayList<>();
            for (String path : settings.paths()) {
                err.println("bench: " + n + " bindings, " + path + " path...");
                err.flush();
                PathResult.Measured measured = path.equals("cli") ? CliPath.run(cluster, settings, cli)
                        : PipelinePath.run(cluster, settings);
                PathResult result = PathResult.of(measured, cluster, floor, settings);
                // So that a long run's finished sizes are on the terminal even if it is stopped.
                err.printf(Locale.ROOT, "bench: %d bindings, %s: %s, wall %.1f s, T_min %.1f s (x%.2f), "
                                + "T_conc %.1f s (x%.2f), re-run writes %d%n", n, path, result.status(), result.wallSeconds(),
                        result.tMinSeconds(), result.wallOverTMin(), result.tConcSeconds(), result.wallOverTConc(),
                        result.rerunWrites());
                allSucceeded &= result.status().equals("SUCCEEDED") && result.rerunWrites() == 0;
                results.add(result);
            }
            sizes.add(new SizeResult(n, cluster.serviceAccounts(), cluster.roles(), cluster.irsaAddons(), floor,
                    CallFloor.PHASES, results));
        }
        ColdStartReport coldStart = settings.coldStartRuns() == 0 ? null : measureColdStarts(settings.coldStartRuns());
        BenchDocument document = BenchDocument.of(settings, sizes, coldStart);
        if (output == Output.json) {
            out.println(BenchDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            BenchTable.print(out, document);
        }
        out.flush();
        return allSucceeded ? 0 : 1;
    }

    /**
     * Both paths once on a small cluster, unmeasured, without faults: the first run in a JVM loads and compiles the
     * engine's classes, which would otherwise land on the first size's wall time only.
     */
    private void warmUp(BenchSettings settings, PrintWriter err) throws InterruptedException {
        err.println("bench: warming up (a 3-binding cluster, " + String.join(" and ", settings.paths()) + ", not measured)...");
        err.flush();
        BenchSettings fast = new BenchSettings(List.of(3), settings.seed(), 0, MAX_WRITE_RATE, settings.concurrency(),
                settings.concurrencyIsCliDefault(), settings.paths(), 0);
        GeneratedCluster small = GeneratedCluster.generate(3, settings.seed());
        for (String path : settings.paths()) {
            PathResult.Measured ignored = path.equals("cli") ? CliPath.run(small, fast, cli) : PipelinePath.run(small, fast);
        }
    }

    /** The functions' first calls go to a local cloud serving the demo fixture. */
    private static ColdStartReport measureColdStarts(int runs) {
        try (LocalCloud cloud = LocalCloud.start("demo", 0)) {
            return ColdStarts.measure(runs, cloud.endpoint());
        }
    }

    /** The options checked against their ranges, with the CLI's default concurrency filled in. */
    BenchSettings settings() {
        List<Integer> sizes = bindings == null || bindings.isEmpty() ? List.of(10, 100, 1000, 5000) : List.copyOf(bindings);
        for (int n : sizes) {
            if (n < 1 || n > MAX_BINDINGS) {
                throw usage("--bindings must be within 1.." + MAX_BINDINGS + ", got " + n);
            }
        }
        if (latencyMillis < 0 || latencyMillis > MAX_LATENCY_MILLIS) {
            throw usage("--latency must be within 0.." + MAX_LATENCY_MILLIS + " milliseconds, got " + latencyMillis);
        }
        if (!(writeRate > 0) || writeRate > MAX_WRITE_RATE) {
            throw usage("--write-rate must be more than 0 and at most " + (int) MAX_WRITE_RATE + " per second, got " + writeRate);
        }
        if (writeBurst != null && (writeBurst < 1 || writeBurst > MAX_WRITE_RATE)) {
            throw usage("--write-burst must be within 1.." + (int) MAX_WRITE_RATE + " calls, got " + writeBurst);
        }
        List<String> chosen = paths == null || paths.isEmpty() ? List.of("cli", "pipeline")
                : paths.stream().distinct().map(Enum::name).toList();
        if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
            throw usage("--concurrency must be within 1.." + MAX_CONCURRENCY + ", got " + concurrency);
        }
        if (concurrency != null && concurrency > MAX_PIPELINE_CONCURRENCY && chosen.contains("pipeline")) {
            throw usage("--concurrency must be within 1.." + MAX_PIPELINE_CONCURRENCY + " when the pipeline path runs "
                    + "(the state machine's maxConcurrency), got " + concurrency + "; or run --path cli");
        }
        if (coldStartRuns != 0 && (coldStartRuns < MIN_COLD_START_RUNS || coldStartRuns > MAX_COLD_START_RUNS)) {
            throw usage("--cold-start-runs must be 0 (skip) or within " + MIN_COLD_START_RUNS + ".." + MAX_COLD_START_RUNS
                    + ", got " + coldStartRuns);
        }
        if (associationsPerCluster < 1 || associationsPerCluster > AssociationQuota.MAX_SETTING) {
            throw usage("--associations-per-cluster must be within 1.." + AssociationQuota.MAX_SETTING + ", got "
                    + associationsPerCluster);
        }
        int c = concurrency != null ? concurrency : migrateDefaultConcurrency();
        int burst = writeBurst != null ? writeBurst : BenchSettings.oneSecondOf(writeRate);
        return new BenchSettings(sizes, seed, latencyMillis, writeRate, c, concurrency == null, chosen, coldStartRuns, burst,
                invariantChecks, associationsPerCluster);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code pim migrate}'s own default, read from its option so the two never drift apart. */
    private int migrateDefaultConcurrency() {
        CommandLine migrate = spec.root().commandLine().getSubcommands().get("migrate");
        String value = migrate == null ? null : migrate.getCommandSpec().findOption("--concurrency").defaultValue();
        return value == null ? 4 : Integer.parseInt(value);
    }
}
