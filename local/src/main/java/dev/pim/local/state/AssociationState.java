package dev.pim.local.state;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One EKS Pod Identity association. */
public final class AssociationState {
    public final String id;
    public final String clusterName;
    public final String namespace;
    public final String serviceAccount;
    public final String arn;
    public final Instant createdAt;
    public String roleArn;
    public String targetRoleArn;
    public String externalId;
    public Boolean disableSessionTags;
    public String policy;
    /** The owning add-on's ARN for associations made through the add-on API; null for standalone ones. */
    public String ownerArn;
    public Instant modifiedAt;
    public final Map<String, String> tags = new TreeMap<>();

    public AssociationState(String id, String arn, String clusterName, String namespace, String serviceAccount,
                            Instant createdAt) {
        this.id = id;
        this.arn = arn;
        this.clusterName = clusterName;
        this.namespace = namespace;
        this.serviceAccount = serviceAccount;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }
}
