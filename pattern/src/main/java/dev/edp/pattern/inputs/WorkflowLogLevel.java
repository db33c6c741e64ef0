package dev.edp.pattern.inputs;

/** What a state machine's execution log records. {@code OFF} is not offered: it would leave failures unrecorded. */
public enum WorkflowLogLevel implements ClosedSet {
    /** Every event of every execution. */
    ALL,
    /** Errors only. */
    ERROR,
    /** Fatal errors only. */
    FATAL;
}
