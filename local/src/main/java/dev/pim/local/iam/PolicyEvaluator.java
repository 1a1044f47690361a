package dev.pim.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM's decision on a role's trust policy for one request: an explicit Deny wins, else an Allow grants, else
 * the request is implicitly denied. Principals ({@code Principal}/{@code NotPrincipal}), actions
 * ({@code Action}/{@code NotAction}) and conditions are all evaluated; see {@link ConditionEvaluator}.
 */
public final class PolicyEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHE_LIMIT = 20_000;
    /** Parsed policies by text: the invariant monitor evaluates the same few documents after every call. */
    private final Map<String, List<JsonNode>> parsed = new ConcurrentHashMap<>();

    /** How conditions on keys the request cannot know yet count. */
    public enum Unknowns {
        /** As if they held for an Allow and not for a Deny: "could this request be allowed?" */
        FAVOURABLE,
        /** As if they failed for an Allow and held for a Deny: "is this request certainly allowed?" */
        UNFAVOURABLE
    }

    public enum Decision {
        ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

        public boolean allowed() {
            return this == ALLOW;
        }
    }

    /**
     * @param statements the indexes of the statements that decided: the denying ones for a Deny, the allowing
     *                   ones for an Allow, none for an implicit deny
     */
    public record Evaluation(Decision decision, List<Integer> statements) {
    }

    public Decision decide(String policy, RequestContext request) {
        return evaluate(policy, request, Unknowns.UNFAVOURABLE).decision();
    }

    public Evaluation evaluate(String policy, RequestContext request, Unknowns unknowns) {
        List<JsonNode> statements = statements(policy);
        List<Integer> allowing = new ArrayList<>();
        List<Integer> denying = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            JsonNode statement = statements.get(i);
            String effect = statement.path("Effect").asText();
            Tri applies = applies(statement, request);
            boolean counts = applies == Tri.TRUE || applies == Tri.UNKNOWN
                    && (effect.equals("Deny") == (unknowns == Unknowns.UNFAVOURABLE));
            if (counts && effect.equals("Deny")) {
                denying.add(i);
            } else if (counts && effect.equals("Allow")) {
                allowing.add(i);
            }
        }
        if (!denying.isEmpty()) {
            return new Evaluation(Decision.EXPLICIT_DENY, denying);
        }
        return allowing.isEmpty() ? new Evaluation(Decision.IMPLICIT_DENY, List.of())
                : new Evaluation(Decision.ALLOW, allowing);
    }

    /**
     * Whether an Allow statement names {@code value} for {@code key} outright: listed under a string operator that
     * admits exactly what it lists ({@code StringEquals}, {@code StringEqualsIgnoreCase} in any letter case, or
     * {@code StringLike} without a wildcard in that value), rather than reaching it through a pattern or no condition.
     */
    public boolean lists(String policy, int statement, String key, String value) {
        List<JsonNode> statements = statements(policy);
        if (statement < 0 || statement >= statements.size()) {
            return false;
        }
        JsonNode condition = statements.get(statement).get("Condition");
        if (condition == null || !condition.isObject()) {
            return false;
        }
        for (var blocks = condition.fields(); blocks.hasNext(); ) {
            var block = blocks.next();
            String base = block.getKey().substring(block.getKey().indexOf(':') + 1).replaceFirst("IfExists$", "");
            if (!base.equals("StringEquals") && !base.equals("StringEqualsIgnoreCase") && !base.equals("StringLike")) {
                continue;
            }
            for (var keys = block.getValue().fields(); keys.hasNext(); ) {
                var entry = keys.next();
                // StringEqualsIgnoreCase names a value in any case: IAM admits exactly that value, whatever its case.
                boolean ignoreCase = base.equals("StringEqualsIgnoreCase");
                if (entry.getKey().equalsIgnoreCase(key) && ConditionEvaluator.texts(entry.getValue()).stream()
                        .anyMatch(listed -> (ignoreCase ? listed.equalsIgnoreCase(value) : listed.equals(value))
                                && !(base.equals("StringLike") && (listed.contains("*") || listed.contains("?"))))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Tri applies(JsonNode statement, RequestContext request) {
        boolean principal = statement.has("NotPrincipal")
                ? !names(statement.get("NotPrincipal"), request)
                : statement.has("Principal") && names(statement.get("Principal"), request);
        boolean action = statement.has("NotAction")
                ? ConditionEvaluator.texts(statement.get("NotAction")).stream().noneMatch(a -> actionMatches(a, request.action()))
                : ConditionEvaluator.texts(statement.get("Action")).stream().anyMatch(a -> actionMatches(a, request.action()));
        if (!principal || !action) {
            return Tri.FALSE;
        }
        return ConditionEvaluator.evaluate(statement.get("Condition"), request);
    }

    /** Whether a {@code Principal} element names the caller. */
    private static boolean names(JsonNode principal, RequestContext request) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (String value : ConditionEvaluator.texts(principal.get(request.principalType()))) {
            if (value.equals("*") || matchesPrincipal(value, request)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesPrincipal(String value, RequestContext request) {
        return switch (request.principalType()) {
            case "Service" -> request.principals().stream().anyMatch(value::equalsIgnoreCase);
            case "AWS" -> value.equals("arn:aws:iam::" + request.account() + ":root") || request.principals().contains(value);
            default -> request.principals().contains(value);
        };
    }

    private static boolean actionMatches(String pattern, String action) {
        return ConditionEvaluator.glob(pattern, true).matcher(action).matches();
    }

    private List<JsonNode> statements(String policy) {
        if (policy == null) {
            return List.of();
        }
        List<JsonNode> cached = parsed.get(policy);
        if (cached != null) {
            return cached;
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            JsonNode root = JSON.readTree(policy);
            JsonNode statement = root == null ? null : root.get("Statement");
            if (statement != null && statement.isArray()) {
                statement.forEach(out::add);
            } else if (statement != null && statement.isObject()) {
                out.add(statement);
            }
        } catch (IOException e) {
            return List.of();
        }
        if (parsed.size() > CACHE_LIMIT) {
            parsed.clear();
        }
        List<JsonNode> statements = List.copyOf(out);
        parsed.put(policy, statements);
        return statements;
    }
}
