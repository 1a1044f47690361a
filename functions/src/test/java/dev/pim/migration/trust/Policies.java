package dev.pim.migration.trust;

/** Small policies for focused tests (the corpus holds the full cases). */
final class Policies {
    static final String ROLE = "arn:aws:iam::111122223333:role/unit";
    static final String PROVIDER =
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";
    static final String KEY = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789";

    private Policies() {
    }

    static TrustPolicy parse(String json) {
        return TrustPolicy.parse(ROLE, json);
    }

    /** One IRSA statement for {@link #PROVIDER} under {@code operator}, subjects as written ({@code "a"} or {@code ["a"]}). */
    static String irsa(String operator, String subjects) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + PROVIDER + "\"},"
                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"" + operator + "\":{\""
                + KEY + ":sub\":" + subjects + "}}}";
    }

    static String document(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }
}
