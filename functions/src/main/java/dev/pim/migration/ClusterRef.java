package dev.pim.migration;

import java.util.regex.Pattern;

/** Which cluster: account, region and name. */
public record ClusterRef(String accountId, String region, String name) {
    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    public String arn(String partition) {
        return "arn:" + partition + ":eks:" + region + ":" + accountId + ":cluster/" + name;
    }

    /** Whether EKS could have named a cluster so: a letter or digit, then letters, digits, - and _, 100 at most. */
    public static boolean isClusterName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** Whether the text has the form of a region name ({@code us-west-2}, {@code us-gov-east-1}). */
    public static boolean isRegion(String text) {
        return text != null && REGION.matcher(text).matches();
    }

    public static boolean isAccountId(String text) {
        return text != null && ACCOUNT_ID.matcher(text).matches();
    }

    @Override
    public String toString() {
        return name + " (" + accountId + ", " + region + ")";
    }
}
