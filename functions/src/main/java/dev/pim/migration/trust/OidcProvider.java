package dev.pim.migration.trust;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM OIDC provider as trust policies name it: the ARN in {@code Federated}, and the scheme-less URL
 * that prefixes its condition keys ({@code oidc.eks.<region>.amazonaws.com/id/<ID>:sub}).
 */
public record OidcProvider(String arn, String account, String url) {
    private static final Pattern ARN = Pattern.compile("arn:[a-z0-9-]+:iam::(\\d{12}|\\d+):oidc-provider/(.+)");

    public static OidcProvider parse(String arn) {
        Matcher match = ARN.matcher(arn == null ? "" : arn);
        if (!match.matches()) {
            throw new IllegalArgumentException("not an IAM OIDC provider ARN: " + arn
                    + " (expected arn:aws:iam::<account>:oidc-provider/<issuer host and path>)");
        }
        return new OidcProvider(arn, match.group(1), match.group(2));
    }

    /** The condition key holding the token's subject, e.g. {@code oidc.eks.../id/ABC:sub}. */
    public String subjectKey() {
        return url + ":sub";
    }
}
