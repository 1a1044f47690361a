package dev.pim.fleet.fake;

import dev.pim.fleet.ClusterDirectory;
import dev.pim.fleet.FleetAccessException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The clusters of each account and region in memory, with their tags; an account's role that cannot be assumed and a
 * cluster that cannot be described fail as the EKS gateway fails them ({@link FleetAccessException}).
 */
public final class InMemoryClusterDirectory implements ClusterDirectory {
    private final Map<String, Map<String, Map<String, String>>> clusters = new LinkedHashMap<>();
    private final Set<String> unreachableRoles = new HashSet<>();
    private final Set<String> undescribable = new HashSet<>();

    /** @param assumeRoleArn the member account's role, or null for the home account */
    public synchronized InMemoryClusterDirectory cluster(String assumeRoleArn, String region, String name, Map<String, String> tags) {
        clusters.computeIfAbsent(key(assumeRoleArn, region), k -> new LinkedHashMap<>()).put(name, Map.copyOf(tags));
        return this;
    }

    public synchronized void unreachable(String assumeRoleArn) {
        unreachableRoles.add(assumeRoleArn);
    }

    public synchronized void undescribable(String cluster) {
        undescribable.add(cluster);
    }

    @Override
    public synchronized List<String> clusters(String region, String assumeRoleArn) {
        if (unreachableRoles.contains(assumeRoleArn)) {
            throw new FleetAccessException("AccessDenied: not authorized to perform sts:AssumeRole on " + assumeRoleArn, null);
        }
        return new ArrayList<>(clusters.getOrDefault(key(assumeRoleArn, region), Map.of()).keySet());
    }

    @Override
    public synchronized Map<String, String> tags(String region, String assumeRoleArn, String cluster) {
        if (undescribable.contains(cluster)) {
            throw new FleetAccessException("ResourceNotFoundException: No cluster found for name: " + cluster, null);
        }
        return clusters.getOrDefault(key(assumeRoleArn, region), Map.of()).getOrDefault(cluster, Map.of());
    }

    private static String key(String assumeRoleArn, String region) {
        return assumeRoleArn + "|" + region;
    }
}
