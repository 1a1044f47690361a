package dev.pim.local.stepfunctions.engine;

import dev.pim.local.stepfunctions.task.TaskInvoker;

import java.util.concurrent.ExecutorService;

/** What every execution of an engine shares: the task invoker, the threads, the options. */
record EngineRuntime(TaskInvoker invoker, ExecutorService pool, EngineOptions options) {
}
