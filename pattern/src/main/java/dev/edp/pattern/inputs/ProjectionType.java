package dev.edp.pattern.inputs;

/** The attributes a DynamoDB global secondary index holds. */
public enum ProjectionType implements ClosedSet {
    /** Every attribute. */
    ALL,
    /** The table's and the index's keys. */
    KEYS_ONLY,
    /** The keys and the {@code nonKeyAttributes} named. */
    INCLUDE;
}
