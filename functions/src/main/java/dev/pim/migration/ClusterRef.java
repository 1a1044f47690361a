package dev.pim.migration;

/** Which cluster: account, region and name. */
public record ClusterRef(String accountId, String region, String name) {

    public String arn(String partition) {
        return "arn:" + partition + ":eks:" + region + ":" + accountId + ":cluster/" + name;
    }

    @Override
    public String toString() {
        return name + " (" + accountId + ", " + region + ")";
    }
}
