package dev.pim.migration.preflight;

/** The Pod Identity agent's state on a cluster. */
public enum AgentState {
    /** The {@code eks-pod-identity-agent} add-on is not installed: the migration installs it. */
    ABSENT,
    CREATING,
    UPDATING,
    ACTIVE,
    /** Installed but not healthy: fix it before migrating. */
    DEGRADED,
    /** CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED or DELETING. */
    FAILED,
    /** EKS Auto Mode runs the agent itself. */
    AUTO_MODE;

    public static AgentState ofAddonStatus(String status) {
        return switch (status) {
            case "ACTIVE" -> ACTIVE;
            case "CREATING" -> CREATING;
            case "UPDATING" -> UPDATING;
            case "DEGRADED" -> DEGRADED;
            default -> FAILED;
        };
    }

    /** The agent is (or is becoming) usable. */
    public boolean usable() {
        return this == ACTIVE || this == AUTO_MODE;
    }

    public boolean pending() {
        return this == CREATING || this == UPDATING;
    }
}
