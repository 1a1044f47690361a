package dev.pim.local.stepfunctions;

import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.engine.StatesEngine;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskInvoker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.pim.local.stepfunctions.Machines.json;
import static dev.pim.local.stepfunctions.Machines.run;
import static org.assertj.core.api.Assertions.assertThat;

class WaitStateTest {

    private static String waitWith(String how) {
        return """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", %s, "End": true}}}""".formatted(how);
    }

    private static Duration waited(ExecutionRun run) {
        Instant entered = event(run, "WaitStateEntered").timestamp();
        Instant exited = event(run, "WaitStateExited").timestamp();
        return Duration.between(entered, exited);
    }

    private static HistoryEvent event(ExecutionRun run, String type) {
        return run.history().stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void waitsSecondsOnTheVirtualClockWithoutSleeping() {
        long realStart = System.nanoTime();
        ExecutionRun run = run(waitWith("\"Seconds\": 86400"), "{\"kept\": 1}");
        assertThat(run.output()).isEqualTo(json("{\"kept\": 1}"));
        assertThat(waited(run)).isBetween(Duration.ofSeconds(86400), Duration.ofSeconds(86402));
        assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void readsSecondsFromTheInput() {
        assertThat(waited(run(waitWith("\"SecondsPath\": \"$.delay\""), "{\"delay\": 600}")))
                .isBetween(Duration.ofSeconds(600), Duration.ofSeconds(602));
    }

    @Test
    void failsWithARuntimeErrorWhenSecondsPathIsNotANonNegativeInteger() {
        ExecutionRun run = run(waitWith("\"SecondsPath\": \"$.delay\""), "{\"delay\": \"soon\"}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error()).isEqualTo("States.Runtime");
        assertThat(run.cause()).contains("SecondsPath");
    }

    @Test
    void tellsTheClockOwnerHowFarVirtualTimeHasMoved() {
        List<Instant> reached = new CopyOnWriteArrayList<>();
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        EngineOptions options = EngineOptions.defaults().withClock(() -> start, reached::add);
        try (StatesEngine engine = new StatesEngine(TaskInvoker.NONE, options)) {
            engine.run(DefinitionParser.parse(waitWith("\"Seconds\": 90")), ExecutionSpec.adHoc("w", Json.object()),
                    Duration.ofSeconds(10));
        }
        assertThat(reached).hasSize(1);
        assertThat(reached.get(0)).isBetween(start.plusSeconds(90), start.plusSeconds(92));
    }
}
