package dev.pim.local.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One IAM role. Guarded by the {@link CloudState} lock, like everything in this package. */
public final class RoleState {
    public final String accountId;
    public final String name;
    public final String path;
    public final String roleId;
    public final Instant createDate;
    public String description;
    public int maxSessionDuration = 3600;
    /** The trust policy exactly as last submitted (IAM keeps the submitted formatting). */
    public String trustPolicy;
    /** When the trust policy was last replaced, and what it was before: EKS sees changes late (IAM propagation). */
    public Instant trustPolicyChangedAt;
    public String previousTrustPolicy;
    /** Keys are case-insensitive but case-preserving in IAM: the map ignores case, the entry keeps the spelling. */
    public final Map<String, Tag> tags = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public final List<String> attachedPolicyArns = new ArrayList<>();
    /** Inline policies by name (PutRolePolicy), each document exactly as submitted; names are case-sensitive. */
    public final Map<String, String> inlinePolicies = new TreeMap<>();
    /** The managed policy set as the role's permissions boundary, or null. */
    public String permissionsBoundaryArn;

    public record Tag(String key, String value) {
    }

    public RoleState(String accountId, String name, String path, String roleId, Instant createDate) {
        this.accountId = accountId;
        this.name = name;
        this.path = path;
        this.roleId = roleId;
        this.createDate = createDate;
    }

    public String arn() {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    /** Service-linked and IAM Identity Center roles can only be changed by AWS. */
    public boolean unmodifiable() {
        return path.startsWith("/aws-service-role/") || path.startsWith("/aws-reserved/");
    }
}
