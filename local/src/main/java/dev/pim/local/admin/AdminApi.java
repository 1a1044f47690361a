package dev.pim.local.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.fault.ErrorRule;
import dev.pim.local.fault.FaultInjector;
import dev.pim.local.fault.LostResponse;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;

import java.io.IOException;
import java.time.Duration;

/**
 * The emulator's own API, under {@code /_pim/}, for driving a standalone server from tests, benchmarks and
 * scripts: counters, faults, reset and the clock. Not counted, never faulted.
 *
 * <pre>
 * GET    /_pim/health
 * GET    /_pim/counters              {"calls": {"iam:GetRole": 3, ...}, "mutating": 1, "total": 4, "throttled": 0,
 *                                     "injectedErrors": 0, "lostResponses": 0}
 * DELETE /_pim/counters
 * POST   /_pim/faults                {"latencyMillis": 20, "latencyByOperation": {"iam:GetRole": 50},
 *                                     "rateLimits": [{"family": "iam:write", "perSecond": 2, "burst": 2}],
 *                                     "errors": [{"operation": "eks:CreatePodIdentityAssociation", "nthCall": 1,
 *                                                 "code": "ServerException", "status": 500, "message": "..."}],
 *                                     "lostResponses": [{"operation": "eks:CreatePodIdentityAssociation", "nthCall": 1,
 *                                                        "mode": "error"|"drop", "times": 1}],
 *                                     "crashAfterMutatingCalls": 3, "seed": 7}
 * DELETE /_pim/faults
 * POST   /_pim/reset                 back to the fixture, no faults, zero counters; deploys again what was deployed
 * POST   /_pim/clock/advance         {"seconds": 30}
 * ...    /_pim/invariants            the invariant monitor (see {@link InvariantRoutes})
 * </pre>
 */
public final class AdminApi implements EmulatedService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdministeredCloud cloud;
    private final InvariantRoutes invariants;

    public AdminApi(AdministeredCloud cloud) {
        this.cloud = cloud;
        this.invariants = new InvariantRoutes(cloud);
    }

    @Override
    public Operation route(HttpRequest request) {
        String path = String.join("/", request.segments().subList(1, request.segments().size()));
        String route = request.method() + " " + path;
        if (path.equals("invariants") || path.startsWith("invariants/")) {
            return op("Invariants", () -> {
                HttpResponse answer = invariants.serve(route, () -> body(request));
                if (answer == null) {
                    throw ApiError.of("NotFound", 404, "no admin route " + route + "; see GET invariants, POST invariants/check"
                            + ", POST invariants/baseline, POST invariants/allow, POST invariants/enabled, DELETE invariants");
                }
                return answer;
            });
        }
        return switch (route) {
            case "GET health" -> op("Health", () -> ok(JSON.createObjectNode().put("status", "ok")
                    .put("fixture", cloud.fixtureDescription())));
            case "GET counters" -> op("GetCounters", this::counters);
            case "DELETE counters" -> op("ResetCounters", () -> {
                cloud.counters().reset();
                return ok(JSON.createObjectNode());
            });
            case "POST faults" -> op("SetFaults", () -> setFaults(request));
            case "DELETE faults" -> op("ResetFaults", () -> {
                cloud.faults().reset();
                return ok(JSON.createObjectNode());
            });
            // Without the state lock: the reset deploys again through the cloud's APIs, which take it.
            case "POST reset" -> Operation.withoutStateLock("admin", "Reset", false, () -> {
                cloud.reset();
                return ok(JSON.createObjectNode());
            });
            case "POST clock/advance" -> op("AdvanceClock", () -> {
                JsonNode body = body(request);
                double seconds = body.path("seconds").asDouble(-1);
                if (seconds < 0) {
                    throw ApiError.of("ValidationException", 400, "clock/advance needs a non-negative 'seconds'");
                }
                cloud.clock().advance(Duration.ofMillis(Math.round(seconds * 1000)));
                return ok(JSON.createObjectNode().put("now", cloud.clock().now().toString()));
            });
            default -> throw ApiError.of("NotFound", 404, "no admin route " + route
                    + "; see GET health, GET|DELETE counters, POST|DELETE faults, POST reset, POST clock/advance");
        };
    }

    private HttpResponse counters() {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode calls = out.putObject("calls");
        cloud.counters().snapshot().forEach(calls::put);
        out.put("mutating", cloud.counters().mutatingCalls());
        out.put("total", cloud.counters().totalCalls());
        out.put("throttled", cloud.faults().throttledCalls());
        out.put("injectedErrors", cloud.faults().injectedErrors());
        out.put("lostResponses", cloud.faults().lostResponses());
        return ok(out);
    }

    private HttpResponse setFaults(HttpRequest request) {
        JsonNode body = body(request);
        FaultInjector faults = cloud.faults();
        try {
            if (body.has("seed")) {
                faults.seed(body.get("seed").asLong());
            }
            if (body.has("latencyMillis")) {
                faults.latency(Duration.ofMillis(body.get("latencyMillis").asLong()));
            }
            body.path("latencyByOperation").fields()
                    .forEachRemaining(e -> faults.latency(e.getKey(), Duration.ofMillis(e.getValue().asLong())));
            for (JsonNode limit : body.path("rateLimits")) {
                faults.rateLimit(text(limit, "family"), limit.path("perSecond").asDouble(), limit.path("burst").asInt(1));
            }
            for (JsonNode e : body.path("errors")) {
                faults.error(new ErrorRule(text(e, "operation"), e.path("probability").asDouble(0),
                        e.path("nthCall").asInt(0), e.path("times").asInt(0), e.hasNonNull("code") ? e.get("code").asText() : null,
                        e.path("status").asInt(0), e.hasNonNull("message") ? e.get("message").asText() : null));
            }
            for (JsonNode l : body.path("lostResponses")) {
                faults.loseResponse(new LostResponse(text(l, "operation"), l.path("probability").asDouble(0),
                        l.path("nthCall").asInt(0), l.path("times").asInt(0), LostResponse.Mode.named(text(l, "mode"))));
            }
            if (body.has("crashAfterMutatingCalls")) {
                faults.crashAfterMutatingCalls(body.get("crashAfterMutatingCalls").asInt());
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.of("ValidationException", 400, e.getMessage());
        }
        return ok(JSON.createObjectNode());
    }

    private static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            throw ApiError.of("ValidationException", 400, "missing '" + field + "' in " + node);
        }
        return node.get(field).asText();
    }

    private static JsonNode body(HttpRequest request) {
        if (request.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            if (!node.isObject()) {
                throw ApiError.of("ValidationException", 400, "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ApiError.of("ValidationException", 400, "the body is not valid JSON: " + e.getMessage());
        }
    }

    private static Operation op(String name, Operation.Handler handler) {
        return new Operation("admin", name, false, handler);
    }

    private static HttpResponse ok(JsonNode body) {
        return HttpResponse.json(200, body.toString());
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return HttpResponse.json(error.status() == 0 ? 500 : error.status(),
                JSON.createObjectNode().put("code", error.code()).put("message", error.getMessage()).toString());
    }

}
