package dev.pim.migration.association;

/** What the associations are read for: each command needs different fields. */
public enum Purpose {
    /** A role ARN, or what to create a role from. */
    CREATE,
    /** The new role ARN of existing associations; nothing that would create a role. */
    UPDATE,
    /** Only which service accounts (get, delete): the other fields are ignored, so create's file can be reused. */
    SELECT
}
