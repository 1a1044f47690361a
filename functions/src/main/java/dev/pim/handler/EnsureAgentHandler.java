package dev.pim.handler;

import dev.pim.migration.apply.AgentSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.plan.WaitSchedule;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Starts installing the Pod Identity agent add-on when it is missing; the state machine then polls its status. */
public final class EnsureAgentHandler extends JsonHandler<StepRequest, EnsureAgentHandler.Result> {

    /**
     * @param startedAt   epoch seconds, the start of the wait the timeout counts from
     * @param waitSeconds before the first poll: the shortest wait of {@link WaitSchedule}
     */
    public record Result(String state, long startedAt, String detail, int waitSeconds) {
    }

    public EnsureAgentHandler() {
        this(HandlerEnvironment::shared);
    }

    public EnsureAgentHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected Result handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        AgentSteps agent = new AgentSteps(env.steps(request.input()));
        StepResult started = agent.ensureStarted(request.runId(), null,
                env.session(request.input()).cluster().autoMode());
        boolean autoMode = env.session(request.input()).cluster().autoMode();
        Optional<AddonInfo> addon = autoMode ? Optional.empty() : agent.addon();
        AgentState state = autoMode ? AgentState.AUTO_MODE
                : addon.map(a -> AgentState.ofAddonStatus(a.status())).orElse(AgentState.ABSENT);
        // Already failed (AgentReady ends the run on it): the report names why, as AgentStatus does.
        Outcomes.record(env.journal(), env.clock(), request.runId(), addon.isPresent() && !state.pending()
                && !state.usable() ? List.of(started, AgentSteps.unusable(addon.get())) : List.of(started), metrics);
        return new Result(state.name(), env.clock().instant().getEpochSecond(), started.detail(),
                WaitSchedule.nextWait(0, request.input().timeoutSeconds()));
    }
}
