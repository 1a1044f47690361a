package dev.pim.local.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** One region of one account: its EKS clusters. */
public final class RegionState {
    public final String name;
    public final Map<String, ClusterState> clusters = new LinkedHashMap<>();

    public RegionState(String name) {
        this.name = name;
    }
}
