package dev.pim.migration.inventory;

/**
 * A node: its OS and whether it is a Fargate node.
 */
public record NodeInfo(String name, String os, boolean fargate) {

    /** Pod Identity runs only where the agent runs: Linux EC2 nodes. */
    public boolean supportsPodIdentity() {
        return "linux".equals(os) && !fargate;
    }
}
