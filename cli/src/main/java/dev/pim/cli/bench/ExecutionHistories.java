package dev.pim.cli.bench;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every execution's history on a Step Functions endpoint, through the API: each state machine's executions, and the
 * child executions of each Map Run where the endpoint has them. Step Functions limits each history to 25,000 events
 * and each state's input or output to 256 KiB; these are the numbers to hold against those limits.
 */
public final class ExecutionHistories {

    public record Sizes(int executions, int largestEvents, int largestPayloadBytes) {
    }

    private ExecutionHistories() {
    }

    public static Sizes measure(SfnClient sfn) {
        List<ExecutionListItem> executions = new ArrayList<>();
        sfn.listStateMachinesPaginator(r -> { }).stateMachines().forEach(machine -> sfn.listExecutionsPaginator(
                r -> r.stateMachineArn(machine.stateMachineArn())).executions().forEach(executions::add));
        for (ExecutionListItem parent : List.copyOf(executions)) {
            executions.addAll(mapRunChildren(sfn, parent.executionArn()));
        }
        int largestEvents = 0;
        int largestPayload = 0;
        for (ExecutionListItem execution : executions) {
            List<HistoryEvent> history = sfn.getExecutionHistoryPaginator(
                    r -> r.executionArn(execution.executionArn()).includeExecutionData(true)).events().stream().toList();
            largestEvents = Math.max(largestEvents, history.size());
            largestPayload = Math.max(largestPayload, history.stream().flatMap(ExecutionHistories::payloads)
                    .mapToInt(p -> p.getBytes(StandardCharsets.UTF_8).length).max().orElse(0));
        }
        return new Sizes(executions.size(), largestEvents, largestPayload);
    }

    /**
     * Seconds spent in each state of one execution, summed over its visits (a Map's iterations included), in the
     * order the states were first entered: where a run's time goes.
     */
    public static Map<String, Double> stateSeconds(SfnClient sfn, String executionArn) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Deque<Instant>> entered = new HashMap<>();
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().forEach(e -> {
            if (e.stateEnteredEventDetails() != null) {
                String name = e.stateEnteredEventDetails().name();
                out.putIfAbsent(name, 0.0);
                entered.computeIfAbsent(name, k -> new ArrayDeque<>()).push(e.timestamp());
            } else if (e.stateExitedEventDetails() != null) {
                String name = e.stateExitedEventDetails().name();
                Instant start = entered.getOrDefault(name, new ArrayDeque<>()).poll();
                if (start != null) {
                    out.merge(name, Duration.between(start, e.timestamp()).toMillis() / 1000.0, Double::sum);
                }
            }
        });
        return out;
    }

    /** A Distributed Map's child executions; none where the endpoint has no Map Runs. */
    private static List<ExecutionListItem> mapRunChildren(SfnClient sfn, String executionArn) {
        try {
            List<ExecutionListItem> children = new ArrayList<>();
            sfn.listMapRunsPaginator(r -> r.executionArn(executionArn)).mapRuns().forEach(run -> sfn
                    .listExecutionsPaginator(r -> r.mapRunArn(run.mapRunArn())).executions().forEach(children::add));
            return children;
        } catch (SdkException e) {
            return List.of();
        }
    }

    private static Stream<String> payloads(HistoryEvent e) {
        return Stream.of(
                e.stateEnteredEventDetails() == null ? null : e.stateEnteredEventDetails().input(),
                e.stateExitedEventDetails() == null ? null : e.stateExitedEventDetails().output(),
                e.executionStartedEventDetails() == null ? null : e.executionStartedEventDetails().input(),
                e.executionSucceededEventDetails() == null ? null : e.executionSucceededEventDetails().output(),
                e.lambdaFunctionSucceededEventDetails() == null ? null : e.lambdaFunctionSucceededEventDetails().output(),
                e.taskSucceededEventDetails() == null ? null : e.taskSucceededEventDetails().output())
                .filter(Objects::nonNull);
    }
}
