package dev.edp.cli.dlq;

import java.util.Optional;

/** One place where the pipeline records why a message failed. */
interface ErrorSource {

    /**
     * The error recorded for the message, or empty if this place recorded none.
     *
     * @throws ErrorSourceUnavailable if the records could not be read
     */
    Optional<RecordedError> find(PeekedMessage message);

    /** The records could not be read (permissions, a missing log group, ...). */
    final class ErrorSourceUnavailable extends RuntimeException {
        ErrorSourceUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
