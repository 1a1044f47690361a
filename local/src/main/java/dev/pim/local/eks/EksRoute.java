package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One EKS operation's HTTP binding, as the 2017-11-01 model declares it: method and URI template
 * ({@code clusters/{name}/addons/{addonName}}), the operation name, and whether it can change state.
 */
record EksRoute(String method, List<String> template, String operation, boolean mutating, Handler handler) {

    /** Serves a recognised call and returns the response body (every EKS success is a 200 with JSON). */
    @FunctionalInterface
    interface Handler {
        ObjectNode handle(EksCall call);
    }

    static EksRoute read(String method, String uri, String operation, Handler handler) {
        return new EksRoute(method, split(uri), operation, false, handler);
    }

    static EksRoute write(String method, String uri, String operation, Handler handler) {
        return new EksRoute(method, split(uri), operation, true, handler);
    }

    /** The path labels when the request's method and decoded path segments fit this route. */
    Optional<Map<String, String>> match(String requestMethod, List<String> segments) {
        if (!method.equals(requestMethod) || segments.size() != template.size()) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (part.startsWith("{")) {
                labels.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(labels);
    }

    private static List<String> split(String uri) {
        return List.of(uri.split("/"));
    }
}
