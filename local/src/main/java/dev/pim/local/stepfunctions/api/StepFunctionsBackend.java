package dev.pim.local.stepfunctions.api;

import dev.pim.local.stepfunctions.engine.ExecutionListener;
import dev.pim.local.stepfunctions.engine.StatesEngine;

import java.util.function.Consumer;

/**
 * What the API serves from: the store, the engine that runs executions, the listener that hears their events,
 * and where to report the local cloud's endpoint (handlers are pointed at it) when an execution starts.
 */
public record StepFunctionsBackend(StateMachineStore store, StatesEngine engine, ExecutionListener listener,
                                   Consumer<String> endpointSeen) {
}
