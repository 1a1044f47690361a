package dev.pim.migration.apply;

import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Installs the Pod Identity agent add-on when it is missing, and waits until it is ACTIVE. */
public final class AgentSteps {
    private final StepContext ctx;

    public AgentSteps(StepContext ctx) {
        this.ctx = ctx;
    }

    /** Starts the install if the add-on is absent; never a second create. */
    public StepResult ensureStarted(String runId, String version, boolean autoMode) {
        if (autoMode) {
            return StepResult.unchanged("agent", Preflight.AGENT_ADDON, "EKS Auto Mode runs the agent");
        }
        Optional<AddonInfo> agent = ctx.eks().addon(Preflight.AGENT_ADDON);
        if (agent.isPresent()) {
            return StepResult.unchanged("agent", Preflight.AGENT_ADDON, "installed (" + agent.get().status() + ")");
        }
        String chosen = version != null ? version
                : ctx.eks().defaultAddonVersion(Preflight.AGENT_ADDON).orElseThrow(() -> new IllegalStateException(
                "EKS offers no default " + Preflight.AGENT_ADDON + " version for this cluster"));
        // Journal first: a crash after the create still lets rollback know this run installed it.
        ctx.journal().append(runId, new JournalEntry.AgentInstalled(ctx.clock().instant(), Preflight.AGENT_ADDON, chosen));
        ctx.eks().createAddon(Preflight.AGENT_ADDON, chosen);
        return StepResult.done("agent-install", Preflight.AGENT_ADDON, "installing " + chosen);
    }

    public AgentState status() {
        return ctx.eks().addon(Preflight.AGENT_ADDON).map(a -> AgentState.ofAddonStatus(a.status())).orElse(AgentState.ABSENT);
    }

    /** The agent add-on as EKS describes it now, or empty when it is not installed. */
    public Optional<AddonInfo> addon() {
        return ctx.eks().addon(Preflight.AGENT_ADDON);
    }

    /**
     * The failure of an agent that will not become ACTIVE (CREATE_FAILED, DEGRADED...): names the add-on, the status
     * EKS gives and its health issues, the first things a user looks at to fix it.
     */
    public static StepResult unusable(AddonInfo agent) {
        String health = agent.healthIssues().isEmpty() ? "" : " (health: " + String.join("; ", agent.healthIssues()) + ")";
        return StepResult.failed("agent", agent.name(), "add-on " + agent.name() + " " + agent.version() + " is "
                + agent.status() + health + ": pods cannot get Pod Identity credentials, so nothing else is migrated");
    }

    /** Polls until ACTIVE; fails clearly on a failed or degraded add-on, or at the timeout. */
    public StepResult waitUntilActive(Duration timeout) {
        Instant deadline = ctx.clock().instant().plus(timeout);
        while (true) {
            Optional<AddonInfo> agent = addon();
            AgentState state = agent.map(a -> AgentState.ofAddonStatus(a.status())).orElse(AgentState.ABSENT);
            if (state == AgentState.ACTIVE) {
                return StepResult.done("agent", Preflight.AGENT_ADDON, "ACTIVE");
            }
            if (agent.isPresent() && !state.pending()) {
                return unusable(agent.get());
            }
            if (agent.isEmpty()) {
                return StepResult.failed("agent", Preflight.AGENT_ADDON, "add-on " + Preflight.AGENT_ADDON
                        + " is not installed (deleted while the run waited for it): nothing else is migrated");
            }
            if (!ctx.clock().instant().isBefore(deadline)) {
                return StepResult.failed("agent", Preflight.AGENT_ADDON, "still " + state + " after " + timeout
                        + " (--timeout); nothing else is migrated");
            }
            ctx.sleeper().sleep(ctx.poll());
        }
    }
}
