package dev.pim.local.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One installed EKS add-on. */
public final class AddonState {
    public final String name;
    public final String arn;
    public final Instant createdAt;
    public String version;
    /** Stored status; a CREATING/UPDATING add-on moves on to {@link #pendingOutcome} at {@link #settlesAt}. */
    public String status;
    public String pendingOutcome;
    public Instant settlesAt;
    public String serviceAccountRoleArn;
    public String configurationValues;
    public Instant modifiedAt;
    /** Ids of the associations this add-on owns. */
    public final List<String> associationIds = new ArrayList<>();
    public final Map<String, String> tags = new TreeMap<>();

    public AddonState(String name, String arn, Instant createdAt) {
        this.name = name;
        this.arn = arn;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
    }

    /** The status a read at {@code now} sees: the pending outcome once its time has come (changes nothing). */
    public String statusAt(Instant now) {
        return settlesAt != null && !now.isBefore(settlesAt) ? pendingOutcome : status;
    }

    /** Applies a pending transition whose time has come. */
    public void settle(Instant now) {
        if (settlesAt != null && !now.isBefore(settlesAt)) {
            status = pendingOutcome;
            settlesAt = null;
            pendingOutcome = null;
        }
    }
}
