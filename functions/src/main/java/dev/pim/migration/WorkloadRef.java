package dev.pim.migration;

/** A workload: {@code Deployment}, {@code StatefulSet} or {@code DaemonSet}, by namespace and name. */
public record WorkloadRef(String kind, String namespace, String name) implements Comparable<WorkloadRef> {

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }

    @Override
    public int compareTo(WorkloadRef other) {
        return toString().compareTo(other.toString());
    }
}
