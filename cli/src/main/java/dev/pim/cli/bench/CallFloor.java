package dev.pim.cli.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fewest calls a migration of a generated cluster can make, computed from the cluster alone: every write that
 * must happen (one trust-policy update per role, one association per service account, one add-on update per
 * add-on) and the reads no migration can skip (the cluster, each role's trust policy once, one listing of the
 * associations). {@link #PHASES} is the chain of calls that must follow one another.
 */
public record CallFloor(Map<String, Long> writes, Map<String, Long> essentialReads) {
    /**
     * Describe the cluster, list what it has, read the roles, update their trust, create the associations and add-on
     * associations, verify: each needs the previous one's answer, so at least one round trip each.
     */
    public static final int PHASES = 6;

    public static CallFloor of(GeneratedCluster cluster) {
        Map<String, Long> writes = new TreeMap<>();
        writes.put("iam:UpdateAssumeRolePolicy", (long) cluster.roles());
        writes.put("eks:CreatePodIdentityAssociation", (long) cluster.serviceAccounts());
        if (!cluster.irsaAddons().isEmpty()) {
            writes.put("eks:UpdateAddon", (long) cluster.irsaAddons().size());
        }
        Map<String, Long> reads = new TreeMap<>();
        reads.put("eks:DescribeCluster", 1L);
        reads.put("eks:ListPodIdentityAssociations", 1L);
        reads.put("iam:GetRole", (long) cluster.roles());
        return new CallFloor(writes, reads);
    }

    /** The floor of one operation, or null when it has none (a call the migration may make but need not). */
    public Long minimum(String operation) {
        Long write = writes.get(operation);
        return write != null ? write : essentialReads.get(operation);
    }

    public long writesOf(String service) {
        return writes.entrySet().stream().filter(e -> e.getKey().startsWith(service + ":"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
