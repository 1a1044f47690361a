package dev.pim.local.state;

import java.time.Instant;
import java.util.Map;

/**
 * A managed node group.
 *
 * @param amiType e.g. AL2023_x86_64_STANDARD, BOTTLEROCKET_ARM_64, WINDOWS_CORE_2022_x86_64
 * @param nodes   how many nodes it runs in the emulated cluster
 */
public record NodegroupState(String name, String amiType, String capacityType, int nodes, Map<String, String> labels,
                             String nodeRole, Instant createdAt) {

    public boolean windows() {
        return amiType != null && amiType.startsWith("WINDOWS");
    }
}
