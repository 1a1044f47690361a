package dev.pim.handler;

import dev.pim.migration.apply.AgentSteps;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.plan.WaitSchedule;
import dev.pim.migration.preflight.AgentState;
import software.amazon.lambda.powertools.metrics.Metrics;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent add-on's state, for the state machine's Wait/Choice loop; TIMED_OUT once the input's timeout passed.
 * {@code waitSeconds} is how long to wait before the next poll ({@link WaitSchedule}: the waits double from 1 s).
 */
public final class AgentStatusHandler extends JsonHandler<StepRequest, AgentStatusHandler.Result> {

    public record Result(String state, long startedAt, String detail, int waitSeconds) {
    }

    public AgentStatusHandler() {
        this(HandlerEnvironment::shared);
    }

    public AgentStatusHandler(Supplier<HandlerEnvironment> environment) {
        super(StepRequest.class, environment);
    }

    @Override
    protected Result handle(StepRequest request, HandlerEnvironment env, Metrics metrics) {
        request.requireRun();
        if (request.waitStartedAt() == null) {
            throw new InvalidInputException("event field 'waitStartedAt' is required (epoch seconds the wait started)");
        }
        Optional<AddonInfo> agent = new AgentSteps(env.steps(request.input())).addon();
        AgentState state = agent.map(a -> AgentState.ofAddonStatus(a.status())).orElse(AgentState.ABSENT);
        long now = env.clock().instant().getEpochSecond();
        long waited = now - request.waitStartedAt();
        if (state.pending() && waited >= request.input().timeoutSeconds()) {
            String detail = "eks-pod-identity-agent still " + state + " after " + waited + " s (timeoutSeconds "
                    + request.input().timeoutSeconds() + ")";
            Outcomes.record(env.journal(), env.clock(), request.runId(),
                    List.of(StepResult.failed("agent", "eks-pod-identity-agent", detail)), metrics);
            return new Result("TIMED_OUT", request.waitStartedAt(), detail, 0);
        }
        if (!state.pending() && !state.usable()) {
            Outcomes.record(env.journal(), env.clock(), request.runId(), List.of(agent.map(AgentSteps::unusable)
                    .orElse(StepResult.failed("agent", "eks-pod-identity-agent", "the add-on is not installed"))), metrics);
        }
        return new Result(state.name(), request.waitStartedAt(), "eks-pod-identity-agent is " + state,
                state.pending() ? WaitSchedule.nextWait(waited, request.input().timeoutSeconds()) : 0);
    }
}
