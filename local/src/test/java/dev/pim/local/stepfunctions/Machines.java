package dev.pim.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.asl.DefinitionParser;
import dev.pim.local.stepfunctions.engine.EngineOptions;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.engine.StatesEngine;
import dev.pim.local.stepfunctions.json.Json;
import dev.pim.local.stepfunctions.task.TaskInvoker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Runs small definitions through the interpreter directly, for the semantics tests. */
final class Machines {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Machines() {
    }

    static ExecutionRun run(String definition, String input) {
        return run(definition, input, TaskInvoker.NONE);
    }

    static ExecutionRun run(String definition, String input, TaskInvoker invoker) {
        return run(definition, input, invoker, EngineOptions.defaults());
    }

    static ExecutionRun run(String definition, String input, TaskInvoker invoker, EngineOptions options) {
        try (StatesEngine engine = new StatesEngine(invoker, options)) {
            return engine.run(DefinitionParser.parse(definition), ExecutionSpec.adHoc("test", Json.parse(input)), PATIENCE);
        }
    }

    /** The output of a run that must succeed. */
    static JsonNode output(String definition, String input) {
        return output(definition, input, TaskInvoker.NONE);
    }

    static JsonNode output(String definition, String input, TaskInvoker invoker) {
        ExecutionRun run = run(definition, input, invoker);
        if (run.output() == null) {
            throw new AssertionError("execution ended " + run.status() + " with " + run.error() + ": " + run.cause());
        }
        return run.output();
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** A test resource under {@code stepfunctions/}. */
    static String resource(String name) {
        try (InputStream in = Machines.class.getResourceAsStream("/stepfunctions/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource stepfunctions/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> eventTypes(ExecutionRun run) {
        return run.history().stream().map(HistoryEvent::type).toList();
    }
}
