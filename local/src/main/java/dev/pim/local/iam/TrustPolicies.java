package dev.pim.local.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The emulator's own reading of role trust policies, for the checks AWS makes when a role is used: STS
 * AssumeRole (may this AWS principal assume the role?) and EKS CreatePodIdentityAssociation (does the role
 * trust {@code pods.eks.amazonaws.com} for {@code sts:AssumeRole} and {@code sts:TagSession}?). Conditions
 * are not evaluated: the caller (EKS, or a test's STS call) is assumed to satisfy them. An explicit Deny
 * for the principal and action wins, as in IAM.
 */
public final class TrustPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrustPolicies() {
    }

    /** Whether the service principal may perform every one of {@code actions}. */
    public static boolean allowsService(String policy, String servicePrincipal, List<String> actions) {
        return actions.stream().allMatch(action -> decide(policy, "Service", servicePrincipal, action));
    }

    /**
     * Whether an AWS principal may perform {@code action}.
     *
     * @param principalArn the caller: a role ARN ({@code arn:aws:iam::1:role/x}), an assumed-role session ARN
     *                     or an account root ARN
     * @param roleArn      the IAM role behind an assumed-role session, or null
     */
    public static boolean allowsAws(String policy, String principalArn, String roleArn, String action) {
        return decide(policy, "AWS", principalArn + "|" + (roleArn == null ? "" : roleArn), action);
    }

    private static boolean decide(String policy, String principalType, String principal, String action) {
        boolean allowed = false;
        for (JsonNode statement : statements(policy)) {
            if (statement.has("NotPrincipal") || statement.has("NotAction")) {
                continue;
            }
            if (!principalMatches(statement.get("Principal"), principalType, principal)
                    || !actionMatches(statement.get("Action"), action)) {
                continue;
            }
            String effect = statement.path("Effect").asText();
            if (effect.equals("Deny")) {
                return false;
            }
            allowed |= effect.equals("Allow");
        }
        return allowed;
    }

    private static List<JsonNode> statements(String policy) {
        try {
            JsonNode root = JSON.readTree(policy);
            JsonNode statement = root == null ? null : root.get("Statement");
            List<JsonNode> out = new ArrayList<>();
            if (statement == null) {
                return out;
            }
            if (statement.isArray()) {
                statement.forEach(out::add);
            } else {
                out.add(statement);
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean principalMatches(JsonNode principal, String type, String who) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode value : values(principal.get(type))) {
            String v = value.asText();
            if (v.equals("*")) {
                return true;
            }
            if (type.equals("Service") && v.equals(who)) {
                return true;
            }
            if (type.equals("AWS") && awsPrincipalMatches(v, who)) {
                return true;
            }
        }
        return false;
    }

    private static boolean awsPrincipalMatches(String policyValue, String who) {
        String[] parts = who.split("\\|", -1);
        String principalArn = parts[0];
        String roleArn = parts[1];
        String account = accountOf(principalArn).orElse("");
        if (policyValue.equals(account) || policyValue.equals("arn:aws:iam::" + account + ":root")) {
            return true;
        }
        return policyValue.equals(principalArn) || (!roleArn.isEmpty() && policyValue.equals(roleArn));
    }

    private static Optional<String> accountOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? Optional.of(parts[4]) : Optional.empty();
    }

    private static boolean actionMatches(JsonNode actions, String action) {
        for (JsonNode value : values(actions)) {
            if (glob(value.asText()).matcher(action).matches()) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> values(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** IAM action globs: {@code *} and {@code ?}, case-insensitive. */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
