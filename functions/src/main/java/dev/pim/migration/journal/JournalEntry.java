package dev.pim.migration.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;

import java.time.Instant;
import java.util.Map;

/**
 * One durable fact about a run, appended to its journal before the run relies on it. What rollback and
 * resumption read: originals are saved before any write, and every write the run made is recorded with
 * what it replaced.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalEntry.TrustSaved.class, name = "TrustSaved"),
        @JsonSubTypes.Type(value = JournalEntry.TrustWritten.class, name = "TrustWritten"),
        @JsonSubTypes.Type(value = JournalEntry.AgentInstalled.class, name = "AgentInstalled"),
        @JsonSubTypes.Type(value = JournalEntry.AssociationCreated.class, name = "AssociationCreated"),
        @JsonSubTypes.Type(value = JournalEntry.AddonAssociationsSet.class, name = "AddonAssociationsSet"),
        @JsonSubTypes.Type(value = JournalEntry.WorkloadRestarted.class, name = "WorkloadRestarted"),
        @JsonSubTypes.Type(value = JournalEntry.AnnotationRemoved.class, name = "AnnotationRemoved"),
        @JsonSubTypes.Type(value = JournalEntry.AddonRoleCleared.class, name = "AddonRoleCleared"),
        @JsonSubTypes.Type(value = JournalEntry.Outcome.class, name = "Outcome"),
})
public sealed interface JournalEntry {

    Instant at();

    /** A role's trust policy as this run found it, saved before the run wrote anything. */
    record TrustSaved(Instant at, String roleArn, String roleName, String policy) implements JournalEntry {
    }

    /**
     * The run replaced a role's trust policy.
     *
     * @param purpose {@code add-pod-identity} or {@code strip-oidc}
     */
    record TrustWritten(Instant at, String roleArn, String roleName, String purpose, String before, String after)
            implements JournalEntry {
    }

    /** The run installed the Pod Identity agent add-on (rollback may remove it). */
    record AgentInstalled(Instant at, String addonName, String version) implements JournalEntry {
    }

    record AssociationCreated(Instant at, ServiceAccountRef serviceAccount, String associationId, String roleArn,
                              String targetRoleArn) implements JournalEntry {
    }

    /**
     * The run set an add-on's Pod Identity associations.
     *
     * @param before             the add-on's associations before (service account → role); empty if none
     * @param annotationsBefore  the IRSA annotation each affected service account carried, which EKS removes
     */
    record AddonAssociationsSet(Instant at, String addonName, String version, Map<String, String> before,
                                Map<String, String> after, Map<String, String> annotationsBefore)
            implements JournalEntry {
    }

    record WorkloadRestarted(Instant at, WorkloadRef workload, String restartedAt) implements JournalEntry {
    }

    record AnnotationRemoved(Instant at, ServiceAccountRef serviceAccount, String key, String value)
            implements JournalEntry {
    }

    /** The run cleared an add-on's IRSA role ({@code serviceAccountRoleArn}) once its pods were on Pod Identity. */
    record AddonRoleCleared(Instant at, String addonName, String roleArn) implements JournalEntry {
    }

    /** How a step ended for a binding or role: the report is built from these. */
    record Outcome(Instant at, String step, String subject, String result, String detail) implements JournalEntry {
    }
}
