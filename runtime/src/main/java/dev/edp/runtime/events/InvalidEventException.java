package dev.edp.runtime.events;

/**
 * An event that does not match its contract. The message names the field (for example
 * {@code detail.items[0].quantity: must have a minimum value of 1}); retrying cannot fix it, so after the queue's
 * retries the message lands in the consumer's dead-letter queue, where the message says what to fix.
 */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
