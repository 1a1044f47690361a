package dev.pim.local.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.invariant.InvariantMonitor;
import dev.pim.local.invariant.Violation;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpResponse;

import java.util.List;
import java.util.function.Supplier;

/**
 * The invariant monitor through the admin API:
 * <pre>
 * GET    /_pim/invariants            {"enabled": true, "mutatingCalls": 12, "violations": [...], "pending": [...], ...}
 * POST   /_pim/invariants/check      evaluates now, as at the end of a command: {"violations": [...]}
 * POST   /_pim/invariants/baseline   the current state becomes the starting point
 * POST   /_pim/invariants/allow      {"cluster": "111122223333/us-west-2/demo", "serviceAccount": "ns/sa", "roleArn": "..."}
 * POST   /_pim/invariants/enabled    {"enabled": false}
 * DELETE /_pim/invariants            forgets the violations recorded so far
 * </pre>
 */
final class InvariantRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdministeredCloud cloud;

    InvariantRoutes(AdministeredCloud cloud) {
        this.cloud = cloud;
    }

    /** Answers a route under {@code invariants}, or null when there is none. */
    HttpResponse serve(String route, Supplier<JsonNode> body) {
        InvariantMonitor monitor = cloud.invariants();
        return switch (route) {
            case "GET invariants" -> ok(summary(monitor.summary()));
            case "POST invariants/check" -> {
                ObjectNode out = JSON.createObjectNode();
                out.set("violations", violations(cloud.checkInvariants()));
                yield ok(out);
            }
            case "POST invariants/baseline" -> {
                cloud.rebaselineInvariants();
                yield ok(JSON.createObjectNode());
            }
            case "POST invariants/allow" -> {
                JsonNode b = body.get();
                monitor.allow(text(b, "cluster"), text(b, "serviceAccount"), text(b, "roleArn"));
                yield ok(JSON.createObjectNode());
            }
            case "POST invariants/enabled" -> {
                JsonNode b = body.get();
                if (!b.path("enabled").isBoolean()) {
                    throw ApiError.of("ValidationException", 400, "invariants/enabled needs a boolean 'enabled'");
                }
                monitor.enabled(b.get("enabled").asBoolean());
                yield ok(JSON.createObjectNode());
            }
            case "DELETE invariants" -> {
                monitor.clearViolations();
                yield ok(JSON.createObjectNode());
            }
            default -> null;
        };
    }

    private static ObjectNode summary(InvariantMonitor.Summary s) {
        ObjectNode out = JSON.createObjectNode();
        out.put("enabled", s.enabled());
        out.put("mutatingCalls", s.mutatingCalls());
        out.set("violations", violations(s.violations()));
        ArrayNode pending = out.putArray("pending");
        s.pending().forEach(pending::add);
        out.put("journalRegistered", s.journalRegistered());
        out.put("uncheckedTrustWrites", s.uncheckedTrustWrites());
        return out;
    }

    private static ArrayNode violations(List<Violation> violations) {
        ArrayNode out = JSON.createArrayNode();
        for (Violation v : violations) {
            ObjectNode node = out.addObject().put("invariant", v.invariant().name()).put("cluster", v.cluster())
                    .put("subject", v.subject()).put("detail", v.detail());
            if (v.call() != null) {
                node.putObject("call").put("sequence", v.call().sequence()).put("operation", v.call().operation())
                        .put("target", v.call().target());
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        if (!node.hasNonNull(field) || !node.get(field).isTextual()) {
            throw ApiError.of("ValidationException", 400, "missing string '" + field + "' in " + node);
        }
        return node.get(field).asText();
    }

    private static HttpResponse ok(JsonNode body) {
        return HttpResponse.json(200, body.toString());
    }
}
