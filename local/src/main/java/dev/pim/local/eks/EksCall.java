package dev.pim.local.eks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One EKS call being served, under the state lock: who calls and where (the signing region), the path
 * labels, query parameters and the JSON body, with the validation every operation shares.
 */
final class EksCall {
    /** Statuses in which EKS still accepts changes to a cluster's resources. */
    private static final Set<String> WRITABLE_CLUSTER = Set.of("ACTIVE", "UPDATING");

    final CloudState state;
    final AwsCaller caller;
    private final HttpRequest request;
    private final Map<String, String> labels;
    private ObjectNode body;

    EksCall(CloudState state, HttpRequest request, Map<String, String> labels) {
        this.state = state;
        this.request = request;
        this.labels = labels;
        this.caller = AwsCaller.resolve(state, request);
    }

    Instant now() {
        return state.now();
    }

    String label(String name) {
        return labels.get(name);
    }

    /** The cluster the path names, in the caller's account and signing region. */
    ClusterState cluster() {
        String name = label("name");
        return state.cluster(caller.accountId(), caller.region(), name)
                .orElseThrow(() -> EksErrors.clusterNotFound(name));
    }

    /**
     * The cluster, for a call that changes it. EKS refuses changes while a cluster is being created, deleted
     * or has failed (moto copied the real message); UPDATING clusters still take add-on and identity changes.
     */
    ClusterState writableCluster() {
        ClusterState cluster = cluster();
        if (!WRITABLE_CLUSTER.contains(cluster.status)) {
            throw EksErrors.invalidRequest("Cluster '" + cluster.name + "' is not in ACTIVE status")
                    .with("clusterName", cluster.name);
        }
        return cluster;
    }

    String query(String name) {
        return request.queryParam(name);
    }

    List<String> queryList(String name) {
        return request.queryParams(name);
    }

    /** {@code maxResults} from the query: null when absent, else 1..100. */
    Integer maxResults() {
        String raw = query("maxResults");
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= Page.MAX_RESULTS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EksErrors.invalidParameter("maxResults must be between 1 and " + Page.MAX_RESULTS + ", got " + raw);
    }

    <T> Page<T> page(List<T> all) {
        return Page.of(all, maxResults(), query("nextToken"));
    }

    /** Whether the body carries a member at all (null counts as absent, as the SDKs never send null). */
    boolean has(String field) {
        JsonNode value = body().get(field);
        return value != null && !value.isNull();
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null || value.isEmpty()) {
            throw EksErrors.missing(field);
        }
        return value;
    }

    String optionalString(String field) {
        JsonNode value = body().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw EksErrors.invalidParameter(field + " must be a string");
        }
        return value.asText();
    }

    Boolean optionalBoolean(String field) {
        JsonNode value = body().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw EksErrors.invalidParameter(field + " must be a boolean");
        }
        return value.asBoolean();
    }

    /** A list member; null when absent, so that callers can tell "not sent" from "sent empty". */
    List<JsonNode> optionalList(String field) {
        JsonNode value = body().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw EksErrors.invalidParameter(field + " must be a list");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    List<String> stringList(String field) {
        List<JsonNode> items = optionalList(field);
        if (items == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual()) {
                throw EksErrors.invalidParameter(field + " must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A {@code TagMap}: at most 50 tags, keys 1..128 and values up to 256 characters. */
    Map<String, String> tags() {
        JsonNode value = body().get("tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return tags;
        }
        if (!value.isObject()) {
            throw EksErrors.invalidParameter("tags must be a map of strings");
        }
        value.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        if (tags.size() > 50) {
            throw EksErrors.invalidParameter("tags can hold at most 50 tags, got " + tags.size());
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || v.length() > 256) {
                throw EksErrors.invalidParameter("Tag " + k + " is invalid: keys are 1 to 128 characters and values"
                        + " at most 256");
            }
        });
        return tags;
    }

    ObjectNode body() {
        if (body == null) {
            body = parseBody();
        }
        return body;
    }

    private ObjectNode parseBody() {
        if (request.body().length == 0) {
            return EksJson.object();
        }
        try {
            JsonNode node = EksJson.MAPPER.readTree(request.body());
            if (node == null || node.isMissingNode()) {
                return EksJson.object();
            }
            if (!node.isObject()) {
                throw EksErrors.invalidRequest("The request body must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw EksErrors.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw EksErrors.badRequest("The request body cannot be read: " + e.getMessage());
        }
    }
}
