package dev.pim.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the fleet scan covers and asks for, from the scan function's settings.
 *
 * @param homeAccount    the pipeline's own account (no role to assume)
 * @param memberRoleName the role each member account has for the pipeline
 * @param partition      {@code aws}, {@code aws-cn}...
 */
public record FleetConfig(List<String> regions, String homeAccount, List<String> memberAccounts, String memberRoleName,
                          String partition, FleetSelector selector, boolean restartWorkloads,
                          boolean removeIrsaAnnotation, boolean removeOidcTrust, Integer maxConcurrency) {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    public FleetConfig {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("FLEET_REGIONS names no region");
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("FLEET_REGIONS: '" + region + "' is not a region such as us-west-2");
            }
        }
        for (String account : memberAccounts) {
            if (!account.matches("\\d{12}")) {
                throw new IllegalArgumentException("MEMBER_ACCOUNT_IDS: '" + account + "' is not a 12-digit account id");
            }
        }
    }

    /** The home account first, then the members. */
    public List<String> accounts() {
        List<String> out = new ArrayList<>();
        out.add(homeAccount);
        memberAccounts.stream().filter(a -> !a.equals(homeAccount)).forEach(out::add);
        return out;
    }

    /** The role to act as in an account, or null in the home account. */
    public String roleFor(String account) {
        return account.equals(homeAccount) ? null : "arn:" + partition + ":iam::" + account + ":role/" + memberRoleName;
    }

    public MigrationRequest request(String requestId, String account, String region, String cluster) {
        return new MigrationRequest(requestId, account, region, cluster, roleFor(account), true, restartWorkloads,
                removeIrsaAnnotation, removeOidcTrust, maxConcurrency);
    }
}
