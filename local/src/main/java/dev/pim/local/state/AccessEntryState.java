package dev.pim.local.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An EKS access entry and the access policies associated with it. */
public final class AccessEntryState {
    public final String principalArn;
    public final String type;
    public final String username;
    public final List<String> kubernetesGroups;
    public final Instant createdAt;
    public Instant modifiedAt;
    public final Map<String, AssociatedPolicy> policies = new TreeMap<>();
    public final Map<String, String> tags = new TreeMap<>();

    public AccessEntryState(String principalArn, String type, String username, List<String> kubernetesGroups,
                            Instant createdAt) {
        this.principalArn = principalArn;
        this.type = type;
        this.username = username;
        this.kubernetesGroups = new ArrayList<>(kubernetesGroups);
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    /**
     * @param scopeType  {@code cluster} or {@code namespace}
     * @param namespaces the namespaces a namespace-scoped policy applies to
     */
    public record AssociatedPolicy(String policyArn, String scopeType, List<String> namespaces, Instant associatedAt,
                                   Instant modifiedAt) {
    }
}
