package dev.edp.events;

/**
 * The environment variables the pattern sets on every function it creates, and the runtime reads: one list both
 * sides compile against.
 */
public final class PatternVariables {

    /** {@code dev}, {@code staging} or {@code prod}. */
    public static final String ENVIRONMENT = "EDP_ENVIRONMENT";
    /** The pattern's table (absent when the table is turned off). */
    public static final String TABLE_NAME = "EDP_TABLE_NAME";
    /** The notifications topic. */
    public static final String NOTIFICATIONS_TOPIC_ARN = "EDP_NOTIFICATIONS_TOPIC_ARN";
    /** The pattern's bus. */
    public static final String EVENT_BUS_NAME = "EDP_EVENT_BUS_NAME";
    /** The consumer's (or workflow task's) name. */
    public static final String CONSUMER = "EDP_CONSUMER";
    /** Queue consumers: the queue's redrive maxReceiveCount (the last delivery before the DLQ). */
    public static final String MAX_RECEIVE_COUNT = "EDP_MAX_RECEIVE_COUNT";

    private PatternVariables() {
    }
}
