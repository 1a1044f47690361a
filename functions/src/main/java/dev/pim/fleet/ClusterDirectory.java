package dev.pim.fleet;

import java.util.List;
import java.util.Map;

/** The clusters an account has in a region, as the fleet scan finds them (read calls only). */
public interface ClusterDirectory {

    /**
     * @param assumeRoleArn the member account's role, or null for the home account
     * @throws FleetAccessException when the account's region cannot be read (its role cannot be assumed, access denied)
     */
    List<String> clusters(String region, String assumeRoleArn);

    /** @throws FleetAccessException when the cluster cannot be described */
    Map<String, String> tags(String region, String assumeRoleArn, String cluster);
}
