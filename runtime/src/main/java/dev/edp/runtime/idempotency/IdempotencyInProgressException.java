package dev.edp.runtime.idempotency;

/** Another invocation holds the key right now; the record fails and is retried after the visibility timeout. */
public final class IdempotencyInProgressException extends RuntimeException {
    public IdempotencyInProgressException(String message) {
        super(message);
    }
}
