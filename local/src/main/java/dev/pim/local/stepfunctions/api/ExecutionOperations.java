package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionSpec;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.HistoryEvent;
import dev.pim.local.stepfunctions.engine.MapRun;
import dev.pim.local.stepfunctions.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * StartExecution, DescribeExecution, GetExecutionHistory, ListExecutions, StopExecution. The reads also answer for
 * the child executions of a distributed Map, by their ARNs.
 */
final class ExecutionOperations {
    /** Execution input is at most 256 KiB of UTF-8. */
    static final int MAX_INPUT_BYTES = 262_144;
    private final StepFunctionsBackend backend;
    private final StateMachineStore store;

    ExecutionOperations(StepFunctionsBackend backend) {
        this.backend = backend;
        this.store = backend.store();
    }

    /**
     * Starts the execution on the engine's threads and answers at once. Idempotent as AWS is: the same name and
     * input while that execution runs answers with it again; any other reuse of a name is refused.
     */
    HttpResponse start(Requests request, String endpoint) {
        String machineArn = request.stateMachineArn("stateMachineArn");
        StateMachineRecord machine = store.machine(machineArn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(machineArn));
        String name = Objects.requireNonNullElseGet(request.optional("name"), () -> UUID.randomUUID().toString());
        Requests.checkName(name);
        String inputText = Objects.requireNonNullElse(request.optional("input"), "{}");
        JsonNode input = parseInput(inputText);
        String arn = "arn:aws:states:" + machine.region() + ":" + machine.accountId() + ":execution:" + machine.name() + ":" + name;
        // One check-and-start at a time, so two concurrent starts of one name never both start (the engine
        // only schedules the run, so the lock is held briefly).
        ExecutionRun run;
        synchronized (store) {
            ExecutionRecord existing = store.execution(arn).orElse(null);
            if (existing != null) {
                if (existing.run().status() == ExecutionStatus.RUNNING && existing.inputText().equals(inputText)) {
                    return started(existing.run());
                }
                throw SfnErrors.of("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            backend.endpointSeen().accept(endpoint);
            ExecutionSpec spec = new ExecutionSpec(arn, name, machine.arn(), machine.name(), machine.roleArn(), machine.region(),
                    machine.accountId(), input);
            run = backend.engine().start(machine.definition(), spec, backend.listener());
            store.putIfAbsent(new ExecutionRecord(run, inputText, store.nextSequence()));
        }
        return started(run);
    }

    HttpResponse describe(Requests request) {
        ExecutionRecord execution = existing(request.executionArn("executionArn"));
        ExecutionRun run = execution.run();
        ObjectNode body = summary(execution);
        body.put("input", execution.inputText());
        body.putObject("inputDetails").put("included", true);
        if (run.output() != null) {
            body.put("output", Json.write(run.output()));
            body.putObject("outputDetails").put("included", true);
        }
        if (run.error() != null) {
            body.put("error", run.error());
        }
        if (run.cause() != null) {
            body.put("cause", run.cause());
        }
        if (run.mapRunArn() != null) {
            body.put("mapRunArn", run.mapRunArn());
        }
        body.put("redriveCount", 0);
        body.put("redriveStatus", "NOT_REDRIVABLE");
        return ApiJson.ok(body);
    }

    HttpResponse history(Requests request) {
        String arn = request.executionArn("executionArn");
        ExecutionRecord execution = existing(arn);
        List<HistoryEvent> events = new ArrayList<>(execution.run().history());
        boolean reverse = request.flag("reverseOrder", false);
        if (reverse) {
            Collections.reverse(events);
        }
        boolean withData = request.flag("includeExecutionData", true);
        return ApiJson.ok(PageTokens.page(events, request, "history:" + arn + reverse, "events",
                event -> eventJson(event, withData)));
    }

    /** Of a state machine, or with mapRunArn the child executions of a Map Run. */
    HttpResponse list(Requests request) {
        String mapRunArn = request.optional("mapRunArn");
        String listing;
        List<ExecutionRecord> executions;
        if (mapRunArn != null) {
            if (request.optional("stateMachineArn") != null) {
                throw SfnErrors.validation("Only one of stateMachineArn and mapRunArn may be given");
            }
            MapRun mapRun = store.mapRun(MapRunOperations.checkArn(mapRunArn))
                    .orElseThrow(() -> MapRunOperations.notFound(mapRunArn));
            List<ExecutionRun> children = new ArrayList<>(mapRun.children());
            Collections.reverse(children);
            executions = children.stream().map(c -> new ExecutionRecord(c, "", 0)).toList();
            listing = "executions:" + mapRunArn;
        } else {
            String machineArn = request.stateMachineArn("stateMachineArn");
            StateMachineRecord machine = store.machine(machineArn).orElseThrow(() -> SfnErrors.stateMachineDoesNotExist(machineArn));
            executions = store.executions(machineArn);
            listing = "executions:" + machineArn;
        }
        String statusFilter = request.optional("statusFilter");
        if (statusFilter != null) {
            Requests.checkEnum("statusFilter", statusFilter, Arrays.stream(ExecutionStatus.values()).map(Enum::name)
                    .collect(Collectors.toSet()));
        }
        List<ExecutionRecord> matching = executions.stream()
                .filter(e -> statusFilter == null || e.run().status().name().equals(statusFilter)).toList();
        return ApiJson.ok(PageTokens.page(matching, request, listing + statusFilter, "executions",
                ExecutionOperations::summary));
    }

    HttpResponse stop(Requests request) {
        ExecutionRecord execution = existing(request.executionArn("executionArn"));
        execution.run().stop(request.optional("error"), request.optional("cause"));
        return ApiJson.ok(ApiJson.timestamp(Json.object(), "stopDate", execution.run().stopDate()));
    }

    /** Started through the API, or a child execution of a distributed Map. */
    private ExecutionRecord existing(String arn) {
        return store.anyExecution(arn).orElseThrow(() -> SfnErrors.executionDoesNotExist(arn));
    }

    private static JsonNode parseInput(String inputText) {
        if (inputText.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw SfnErrors.of("InvalidExecutionInput", "Invalid State Machine Execution Input: the input is larger than "
                    + MAX_INPUT_BYTES + " bytes");
        }
        try {
            return Json.parse(inputText);
        } catch (IllegalArgumentException e) {
            throw SfnErrors.of("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
    }

    private static ObjectNode summary(ExecutionRecord execution) {
        ExecutionRun run = execution.run();
        ObjectNode item = Json.object();
        item.put("executionArn", execution.arn());
        item.put("stateMachineArn", execution.stateMachineArn());
        item.put("name", run.spec().name());
        item.put("status", run.status().name());
        ApiJson.timestamp(item, "startDate", run.startDate());
        ApiJson.timestamp(item, "stopDate", run.stopDate());
        if (run.mapRunArn() != null) {
            item.put("mapRunArn", run.mapRunArn());
            item.put("itemCount", run.itemCount());
        }
        return item;
    }

    private static HttpResponse started(ExecutionRun run) {
        ObjectNode body = Json.object().put("executionArn", run.spec().executionArn());
        return ApiJson.ok(ApiJson.timestamp(body, "startDate", run.startDate()));
    }

    private static ObjectNode eventJson(HistoryEvent event, boolean withData) {
        ObjectNode item = Json.object();
        ApiJson.timestamp(item, "timestamp", event.timestamp());
        item.put("type", event.type());
        item.put("id", event.id());
        item.put("previousEventId", event.previousEventId());
        if (event.details() != null) {
            ObjectNode details = event.details().deepCopy();
            if (!withData) {
                details.remove(List.of("input", "output", "parameters"));
            }
            item.set(event.detailsField(), details);
        }
        return item;
    }
}
