package dev.pim.app;

import java.net.URI;
import java.nio.file.Path;

/**
 * What one CLI command against one cluster is built from.
 *
 * @param endpoint     the endpoint every client talks to, or null for AWS's own
 * @param journalTable the pipeline's ledger table to journal in (with its role leases), or null for a local directory
 * @param journalDir   the local journal's directory when there is no table (null: the default one)
 */
public record CommandSettings(String region, URI endpoint, String cluster, String journalTable, Path journalDir) {
}
