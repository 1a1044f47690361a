package dev.pim.local.stepfunctions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.stepfunctions.json.Json;

import java.math.BigDecimal;
import java.time.Instant;

/** Step Functions responses: JSON 1.0, timestamps as epoch seconds with milliseconds. */
final class ApiJson {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private ApiJson() {
    }

    static HttpResponse ok(ObjectNode body) {
        return HttpResponse.of(200, CONTENT_TYPE, Json.write(body));
    }

    static ObjectNode timestamp(ObjectNode node, String member, Instant instant) {
        if (instant != null) {
            node.put(member, BigDecimal.valueOf(instant.toEpochMilli(), 3));
        }
        return node;
    }
}
