package dev.pim.integration.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Renders a generated trust statement as the JSON IAM would store. */
final class TrustStatements {
    /** Subject index of the vpc-cni add-on's service account. */
    static final int ADDON_SERVICE_ACCOUNT = -2;
    /** Subject index of a service account that does not exist. */
    static final int GHOST = -1;

    private TrustStatements() {
    }

    static String render(Scenario scenario, Scenario.Statement s, int padding) {
        String provider = Scenario.PROVIDER;
        String iss = Scenario.ISSUER;
        return switch (s.shape()) {
            case EXACT -> webIdentity(provider, s, "\"StringEquals\":{\"" + iss + ":sub\":" + subjects(scenario, s, padding)
                    + ",\"" + iss + ":aud\":\"sts.amazonaws.com\"}");
            case SUB_ONLY -> webIdentity(provider, s, "\"StringEquals\":{\"" + iss + ":sub\":" + subjects(scenario, s, 0) + "}");
            case AUDIENCE_ONLY -> webIdentity(provider, s, "\"StringEquals\":{\"" + iss + ":aud\":\"sts.amazonaws.com\"}");
            case NO_CONDITION -> webIdentity(provider, s, null);
            case PATTERN -> webIdentity(provider, s, "\"StringLike\":{\"" + iss + ":sub\":\"" + pattern(scenario, s) + "\"},"
                    + "\"StringEquals\":{\"" + iss + ":aud\":\"sts.amazonaws.com\"}");
            case FOR_ANY_VALUE -> webIdentity(provider, s, "\"ForAnyValue:StringEquals\":{\"" + iss + ":sub\":"
                    + subjectList(scenario, s) + "}");
            case WRONG_AUDIENCE -> webIdentity(provider, s, "\"StringEquals\":{\"" + iss + ":sub\":" + subjects(scenario, s, 0)
                    + ",\"" + iss + ":aud\":\"vault\"}");
            case NOT_EQUALS -> webIdentity(provider, s, "\"StringNotEquals\":{\"" + iss + ":sub\":\"" + first(scenario, s)
                    + "\"},\"StringEquals\":{\"" + iss + ":aud\":\"sts.amazonaws.com\"}");
            case OTHER_CLUSTER -> webIdentity("arn:aws:iam::" + Scenario.ACCOUNT + ":oidc-provider/" + Scenario.OTHER_ISSUER, s,
                    "\"StringEquals\":{\"" + Scenario.OTHER_ISSUER + ":sub\":" + subjects(scenario, s, 0) + "}");
            case GITHUB -> webIdentity("arn:aws:iam::" + Scenario.ACCOUNT + ":oidc-provider/" + Scenario.GITHUB, s,
                    "\"StringLike\":{\"" + Scenario.GITHUB + ":sub\":\"repo:example/*\"}");
            case DENY_PODS -> "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":"
                    + (s.actionList() ? "[\"sts:AssumeRole\"]" : "\"sts:AssumeRole\"") + "}";
            case DENY_INSECURE -> "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{\"Bool\":"
                    + "{\"aws:SecureTransport\":\"false\"}}}";
            case DENY_SUBJECT -> "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + provider + "\"},\"Action\":"
                    + "\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + iss + ":sub\":\""
                    + first(scenario, s) + "\"}}}";
            case POD_IDENTITY -> pods(s, "[\"sts:AssumeRole\",\"sts:TagSession\"]", null);
            case POD_IDENTITY_PARTIAL -> pods(s, "\"sts:AssumeRole\"", null);
            case POD_IDENTITY_SCOPED -> pods(s, "[\"sts:TagSession\",\"sts:AssumeRole\"]", "\"StringEquals\":"
                    + "{\"aws:RequestTag/kubernetes-namespace\":\"" + namespaceOf(scenario, s) + "\"}");
            case EC2 -> "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}";
            default -> variant(scenario, s);
        };
    }

    /** The shapes written as IAM accepts them but not as the documentation's examples spell them. */
    private static String variant(Scenario scenario, Scenario.Statement s) {
        String provider = Scenario.PROVIDER;
        String sub = "\"" + Scenario.ISSUER + ":sub\"";
        String aud = "\"" + Scenario.ISSUER + ":aud\"";
        String stsAudience = aud + ":\"sts.amazonaws.com\"";
        return switch (s.shape()) {
            // Condition keys are case-insensitive (the IAM User Guide, Condition element): the suffix, or the whole key.
            case KEY_CASE -> {
                String issuer = s.actionList() ? Scenario.ISSUER.toUpperCase(Locale.ROOT) : Scenario.ISSUER;
                yield webIdentity(provider, s, "\"StringEquals\":{\"" + issuer + ":SUB\":" + subjects(scenario, s, 0)
                        + ",\"" + issuer + ":Aud\":\"sts.amazonaws.com\"}");
            }
            case IGNORE_CASE -> webIdentity(provider, s, "\"StringEqualsIgnoreCase\":{" + sub + ":"
                    + subjects(scenario, s, TrustStatements::otherCase) + "},\"StringEquals\":{" + stsAudience + "}");
            case LIKE_LITERAL -> webIdentity(provider, s, "\"StringLike\":{" + sub + ":" + subjects(scenario, s, 0)
                    + "},\"StringEquals\":{" + stsAudience + "}");
            case LIKE_ONE_CHARACTER -> webIdentity(provider, s, "\"StringLike\":{" + sub + ":"
                    + subjects(scenario, s, TrustStatements::lastCharacterAnyOne) + "},\"StringEquals\":{" + stsAudience + "}");
            case AUDIENCE_LIST -> webIdentity(provider, s, "\"StringEquals\":{" + sub + ":" + subjects(scenario, s, 0) + ","
                    + aud + ":[\"sts.amazonaws.com\",\"vault\"]}");
            case FOR_ALL_VALUES_LIKE -> webIdentity(provider, s, "\"ForAllValues:StringLike\":{" + sub + ":"
                    + subjectList(scenario, s) + "},\"StringEquals\":{" + stsAudience + "}");
            case FOR_ANY_VALUE_LIKE -> webIdentity(provider, s, "\"ForAnyValue:StringLike\":{" + sub + ":[\""
                    + pattern(scenario, s) + "\"]},\"StringEquals\":{" + stsAudience + "}");
            // IfExists on the key a web-identity call always carries: on sub (principal as a list) or on aud.
            case IF_EXISTS -> webIdentity(provider, s, s.principalList()
                    ? "\"StringEqualsIfExists\":{" + sub + ":" + subjects(scenario, s, 0) + "},\"StringEquals\":{" + stsAudience + "}"
                    : "\"StringEquals\":{" + sub + ":" + subjects(scenario, s, 0) + "},\"StringEqualsIfExists\":{" + stsAudience + "}");
            case WITH_TAG_SESSION -> "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + provider + "\"},\"Action\":"
                    + (s.actionList() ? "\"sts:*\"" : "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]")
                    + ",\"Condition\":{\"StringEquals\":{" + sub + ":" + subjects(scenario, s, 0) + "," + stsAudience + "}}}";
            case DENY_NAMESPACE -> "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + provider + "\"},\"Action\":"
                    + "\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{" + sub + ":\"system:serviceaccount:"
                    + namespaceOf(scenario, s) + ":*\"}}}";
            // NotPrincipal goes only with Deny: web identity from any other provider, or every action of anyone but EKS.
            case DENY_NOT_PRINCIPAL -> s.actionList()
                    ? "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:*\"}"
                    : "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Federated\":\"" + provider + "\"},\"Action\":"
                    + "\"sts:AssumeRoleWithWebIdentity\"}";
            // Every other action of this provider, or everything but Pod Identity's two actions for everyone.
            case DENY_NOT_ACTION -> s.actionList()
                    ? "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":[\"sts:AssumeRole\",\"sts:TagSession\"]}"
                    : "{\"Effect\":\"Deny\",\"Principal\":{\"Federated\":\"" + provider + "\"},\"NotAction\":"
                    + "\"sts:AssumeRoleWithWebIdentity\"}";
            case PODS_NOT_ACTION -> "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                    + "\"NotAction\":\"sts:AssumeRoleWithWebIdentity\"}";
            default -> throw new IllegalArgumentException("not a variant shape: " + s.shape());
        };
    }

    /** The service-account name part in upper case, as a hand-typed IgnoreCase value may have it. */
    private static String otherCase(String subject) {
        int name = subject.lastIndexOf(':') + 1;
        return subject.substring(0, name) + subject.substring(name).toUpperCase(Locale.ROOT);
    }

    /** The subject with its last character left to a {@code ?}: {@code job-?} admits job-a and job-b alike. */
    private static String lastCharacterAnyOne(String subject) {
        return subject.substring(0, subject.length() - 1) + "?";
    }

    private static String webIdentity(String provider, Scenario.Statement s, String condition) {
        String principal = s.principalList() ? "[\"" + provider + "\"]" : "\"" + provider + "\"";
        String action = s.actionList() ? "\"sts:AssumeRoleWith*\"" : "\"sts:AssumeRoleWithWebIdentity\"";
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":" + principal + "},\"Action\":" + action
                + (condition == null ? "" : ",\"Condition\":{" + condition + "}") + "}";
    }

    private static String pods(Scenario.Statement s, String actions, String condition) {
        String principal = s.principalList() ? "[\"pods.eks.amazonaws.com\"]" : "\"pods.eks.amazonaws.com\"";
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":" + principal + "},\"Action\":" + actions
                + (condition == null ? "" : ",\"Condition\":{" + condition + "}") + "}";
    }

    /** One subject as a string, or several (and the padding's ghosts) as a list. */
    private static String subjects(Scenario scenario, Scenario.Statement s, int padding) {
        List<String> all = names(scenario, s);
        for (int i = 0; i < padding; i++) {
            all.add("system:serviceaccount:retired:worker-" + i);
        }
        return written(all, s);
    }

    /** The subjects each written another way, as one string or a list. */
    private static String subjects(Scenario scenario, Scenario.Statement s, UnaryOperator<String> spelling) {
        return written(names(scenario, s).stream().map(spelling).distinct().toList(), s);
    }

    private static String written(List<String> all, Scenario.Statement s) {
        if (all.size() == 1 && !s.principalList()) {
            return "\"" + all.get(0) + "\"";
        }
        return "[" + String.join(",", all.stream().map(x -> "\"" + x + "\"").toList()) + "]";
    }

    private static String subjectList(Scenario scenario, Scenario.Statement s) {
        return "[" + String.join(",", names(scenario, s).stream().map(x -> "\"" + x + "\"").toList()) + "]";
    }

    private static List<String> names(Scenario scenario, Scenario.Statement s) {
        List<String> out = new ArrayList<>();
        for (int i : s.subjects()) {
            String subject = subject(scenario, i);
            if (!out.contains(subject)) {
                out.add(subject);
            }
        }
        if (out.isEmpty()) {
            out.add(subject(scenario, GHOST));
        }
        return out;
    }

    private static String first(Scenario scenario, Scenario.Statement s) {
        return names(scenario, s).get(0);
    }

    static String subject(Scenario scenario, int index) {
        if (index == ADDON_SERVICE_ACCOUNT) {
            return "system:serviceaccount:kube-system:aws-node";
        }
        if (index < 0 || index >= scenario.serviceAccounts().size()) {
            return "system:serviceaccount:gone:ghost";
        }
        return scenario.serviceAccounts().get(index).subject();
    }

    /** A pattern over the namespace of the first subject: every account there, or those sharing its first letter. */
    private static String pattern(Scenario scenario, Scenario.Statement s) {
        String subject = first(scenario, s);
        String[] parts = subject.split(":");
        boolean prefix = s.actionList();
        return "system:serviceaccount:" + parts[2] + ":" + (prefix ? parts[3].charAt(0) + "*" : "*");
    }

    private static String namespaceOf(Scenario scenario, Scenario.Statement s) {
        return first(scenario, s).split(":")[2];
    }
}
