package dev.pim.cli.bench;

import dev.pim.local.LocalCloud;

import java.time.Duration;

/** Starts a fresh local cloud on a generated cluster and sets the bench's latency and write rates on it. */
final class LocalRun {
    private LocalRun() {
    }

    /** The cluster's local cloud, holding as many associations per cluster as the bench was told. */
    static LocalCloud start(GeneratedCluster cluster, BenchSettings settings) {
        return LocalCloud.start(cluster.fixture().withAssociationsPerCluster(settings.associationsPerCluster()),
                LocalCloud.DEFAULT_HOST, 0);
    }

    /** Latency on every call, and IAM and EKS writes limited as AWS limits them per API family. */
    static void degrade(LocalCloud cloud, BenchSettings settings) {
        cloud.invariants().enabled(settings.invariantChecks());
        cloud.faults().latency(Duration.ofMillis(settings.latencyMillis()))
                .rateLimit("iam:write", settings.writeRatePerSecond(), settings.writeBurst())
                .rateLimit("eks:write", settings.writeRatePerSecond(), settings.writeBurst());
    }
}
