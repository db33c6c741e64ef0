package dev.edp.events;

/**
 * The environment variables the pattern sets on the functions it deploys, and that the runtime's handlers read.
 * The pattern writes these names, the runtime reads them, and the sandbox and the tests read them too, so a
 * rename here is a rename everywhere.
 */
public final class FunctionEnvironment {

    /** {@code dev}, {@code staging} or {@code prod}; every function. */
    public static final String ENVIRONMENT = "EDP_ENVIRONMENT";
    /** The single table's name; every function. */
    public static final String TABLE_NAME = "EDP_TABLE_NAME";
    /** The notifications topic's ARN; every function. */
    public static final String NOTIFICATIONS_TOPIC_ARN = "EDP_NOTIFICATIONS_TOPIC_ARN";
    /** The custom bus's name; every function. */
    public static final String EVENT_BUS_NAME = "EDP_EVENT_BUS_NAME";
    /** The curated bucket's name, when the pattern has the CUR pipeline. */
    public static final String CURATED_BUCKET = "EDP_CURATED_BUCKET";
    /** The workflow's state machine ARN, when the pattern has a workflow. */
    public static final String STATE_MACHINE_ARN = "EDP_STATE_MACHINE_ARN";
    /** The consumer's name (consumer functions only), e.g. {@code order-processor}. */
    public static final String CONSUMER = "EDP_CONSUMER";
    /**
     * The consumer queue's redrive {@code maxReceiveCount} (consumer functions only): a handler sends its one error
     * notification on the last delivery before the DLQ, so it must know which that is.
     */
    public static final String MAX_RECEIVE_COUNT = "EDP_MAX_RECEIVE_COUNT";
    /** The CUR consumer's anomaly rule: a day is anomalous above this factor of its window's average. */
    public static final String ANOMALY_FACTOR = "EDP_ANOMALY_FACTOR";
    /** The CUR consumer's anomaly rule: the number of previous days averaged. */
    public static final String ANOMALY_WINDOW_DAYS = "EDP_ANOMALY_WINDOW_DAYS";
    /** The CUR consumer's anomaly rule: the days of history needed before a day is judged. */
    public static final String ANOMALY_MIN_DAYS = "EDP_ANOMALY_MIN_DAYS";

    private FunctionEnvironment() {
    }
}
