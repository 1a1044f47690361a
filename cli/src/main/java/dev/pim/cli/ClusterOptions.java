package dev.pim.cli;

import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Options every cluster command takes, named as eksctl names them. */
final class ClusterOptions {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    @Option(names = {"-c", "--cluster"}, required = true, description = "EKS cluster name.")
    String cluster;

    @Option(names = {"-r", "--region"}, description = "AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION).")
    String region;

    @Option(names = "--endpoint-url", description = "Send every AWS call to this endpoint, e.g. the local cloud "
            + "http://127.0.0.1:4566 (default: AWS_ENDPOINT_URL). Credentials come from the default chain.")
    URI endpointUrl;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--journal-dir", description = "Where runs are journaled (default: PIM_JOURNAL_DIR, then ~/.pim/journal).")
    Path journalDir;

    @Option(names = "--journal-table", description = "Journal runs in the pipeline's DynamoDB table instead, and take "
            + "the same per-role leases as its executions, so this run and theirs never race on a shared role "
            + "(default: PIM_JOURNAL_TABLE; the stack's JournalTableName output).")
    String journalTable;

    @Option(names = "--no-progress", description = "Plain lines instead of progress bars.")
    boolean noProgress;

    /** The region to use; refuses names that are not regions. */
    String region() {
        String chosen = Optional.ofNullable(region).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION"))).orElse(null);
        if (chosen == null || chosen.isBlank()) {
            throw new UsageException("no region: pass --region or set AWS_REGION");
        }
        if (!REGION.matcher(chosen).matches() || (endpoint() == null && !Region.regions().contains(Region.of(chosen)))) {
            throw new UsageException("unknown region '" + chosen + "' (--region): expected a region such as us-west-2");
        }
        return chosen;
    }

    /** The pipeline's table to journal in, or null for the local journal directory. */
    String journalTable() {
        String chosen = journalTable != null ? journalTable : System.getenv("PIM_JOURNAL_TABLE");
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        if (journalDir != null) {
            throw new UsageException("--journal-dir and --journal-table: choose one journal");
        }
        if (!chosen.matches("[a-zA-Z0-9_.-]{3,255}")) {
            throw new UsageException("--journal-table: '" + chosen + "' is not a DynamoDB table name");
        }
        return chosen;
    }

    URI endpoint() {
        if (endpointUrl != null) {
            return endpointUrl;
        }
        String env = System.getenv("AWS_ENDPOINT_URL");
        return env == null || env.isBlank() ? null : URI.create(env);
    }

    enum OutputFormat {
        table, json
    }
}
