package dev.pim.cli;

import dev.pim.migration.ClusterRef;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/** Options every cluster command takes, named as eksctl names them. */
final class ClusterOptions {
    @Option(names = {"-c", "--cluster"}, required = true, description = "EKS cluster name.")
    String cluster;

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOption output;

    @Option(names = "--journal-dir", description = "Where runs are journaled (default: PIM_JOURNAL_DIR, then ~/.pim/journal).")
    Path journalDir;

    @Option(names = "--journal-table", description = "Journal runs in the pipeline's DynamoDB table instead, and take "
            + "the same per-role leases as its executions, so this run and theirs never race on a shared role "
            + "(default: PIM_JOURNAL_TABLE; the stack's JournalTableName output).")
    String journalTable;

    @Option(names = "--no-progress", description = "Plain lines instead of progress bars.")
    boolean noProgress;

    String region() {
        return aws.region();
    }

    /** Refuses a --cluster that EKS could not have named a cluster, before anything is called. */
    void validate() {
        requireClusterName(cluster);
    }

    static void requireClusterName(String cluster) {
        if (!ClusterRef.isClusterName(cluster)) {
            throw new UsageException("--cluster: '" + cluster + "' is not an EKS cluster name (letters, digits, - and _, "
                    + "starting with a letter or digit)");
        }
    }

    URI endpoint() {
        return aws.endpoint();
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
}
