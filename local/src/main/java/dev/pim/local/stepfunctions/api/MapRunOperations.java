package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.stepfunctions.engine.ExecutionRun;
import dev.pim.local.stepfunctions.engine.ExecutionStatus;
import dev.pim.local.stepfunctions.engine.MapRun;
import dev.pim.local.stepfunctions.json.Json;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/** DescribeMapRun and ListMapRuns: the Map Runs of distributed Maps, read-only (no UpdateMapRun, no redrive). */
final class MapRunOperations {
    private static final Pattern MAP_RUN_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:mapRun:[^:]+:[^:]+");
    private final StateMachineStore store;

    MapRunOperations(StateMachineStore store) {
        this.store = store;
    }

    HttpResponse describe(Requests request) {
        String arn = checkArn(request.required("mapRunArn"));
        MapRun mapRun = store.mapRun(arn).orElseThrow(() -> notFound(arn));
        ObjectNode body = Json.object();
        body.put("mapRunArn", mapRun.arn());
        body.put("executionArn", mapRun.parent().spec().executionArn());
        body.put("status", mapRun.status());
        ApiJson.timestamp(body, "startDate", mapRun.startDate());
        ApiJson.timestamp(body, "stopDate", mapRun.stopDate());
        body.put("maxConcurrency", mapRun.maxConcurrency());
        // The local engine tolerates no failed child (ToleratedFailure* are refused at CreateStateMachine).
        body.put("toleratedFailurePercentage", 0f);
        body.put("toleratedFailureCount", 0L);
        List<ExecutionRun> children = mapRun.children();
        body.set("itemCounts", counts(children, ExecutionRun::itemCount, mapRun.itemTotal()));
        body.set("executionCounts", counts(children, child -> 1, mapRun.childTotal()));
        body.put("redriveCount", 0);
        return ApiJson.ok(body);
    }

    HttpResponse list(Requests request) {
        String executionArn = request.executionArn("executionArn");
        ExecutionRun run = store.anyExecution(executionArn).orElseThrow(() -> SfnErrors.executionDoesNotExist(executionArn)).run();
        return ApiJson.ok(PageTokens.page(run.descendants().mapRuns(), request, "mapRuns:" + executionArn, "mapRuns",
                mapRun -> {
                    ObjectNode item = Json.object().put("executionArn", executionArn).put("mapRunArn", mapRun.arn())
                            .put("stateMachineArn", run.spec().stateMachineArn());
                    ApiJson.timestamp(item, "startDate", mapRun.startDate());
                    return ApiJson.timestamp(item, "stopDate", mapRun.stopDate());
                }));
    }

    static String checkArn(String arn) {
        if (!MAP_RUN_ARN.matcher(arn).matches()) {
            throw SfnErrors.invalidArn(arn, "Resource type not valid in this context");
        }
        return arn;
    }

    static ApiError notFound(String arn) {
        return SfnErrors.of("ResourceNotFound", "Resource not found: '" + arn + "'");
    }

    /** Items or child executions by their child's status; those not started yet are pending. */
    private static ObjectNode counts(List<ExecutionRun> children, ToIntFunction<ExecutionRun> weight, int total) {
        Map<ExecutionStatus, Long> byStatus = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            byStatus.put(status, 0L);
        }
        // One read of each child's status, so that the counts add up while children move on.
        children.forEach(child -> byStatus.merge(child.status(), (long) weight.applyAsInt(child), Long::sum));
        ObjectNode counts = Json.object();
        counts.put("pending", total - byStatus.values().stream().mapToLong(Long::longValue).sum());
        counts.put("running", byStatus.get(ExecutionStatus.RUNNING));
        counts.put("succeeded", byStatus.get(ExecutionStatus.SUCCEEDED));
        counts.put("failed", byStatus.get(ExecutionStatus.FAILED));
        counts.put("timedOut", byStatus.get(ExecutionStatus.TIMED_OUT));
        counts.put("aborted", byStatus.get(ExecutionStatus.ABORTED));
        counts.put("total", total);
        counts.put("resultsWritten", 0);
        counts.put("failuresNotRedrivable", 0);
        counts.put("pendingRedrive", 0);
        return counts;
    }
}
