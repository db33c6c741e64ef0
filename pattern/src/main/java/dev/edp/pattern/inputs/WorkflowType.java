package dev.edp.pattern.inputs;

/** A Step Functions state machine's type. */
public enum WorkflowType implements ClosedSet {
    /** Exactly-once, up to a year, callbacks (the default). */
    STANDARD,
    /** At-least-once, up to five minutes, no callbacks. */
    EXPRESS;
}
