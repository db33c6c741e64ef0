package dev.edp.events;

/** Queue settings the pattern applies by default and that handlers and tools assume when a function does not say. */
public final class QueueDefaults {

    /**
     * Receives before SQS moves a message to the consumer's dead-letter queue (the redrive policy's
     * {@code maxReceiveCount}) unless the stack says otherwise; handlers read the real value from
     * {@link FunctionEnvironment#MAX_RECEIVE_COUNT}.
     */
    public static final int MAX_RECEIVE_COUNT = 3;

    private QueueDefaults() {
    }
}
