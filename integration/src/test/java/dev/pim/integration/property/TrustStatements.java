package dev.pim.integration.property;

import java.util.ArrayList;
import java.util.List;

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
        };
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
