package dev.edp.cli.dlq;

import java.util.List;
import java.util.Optional;

/** Asks each place that records errors, in order, and says what it found, nothing, or what could not be read. */
final class ErrorLookup {

    private final List<ErrorSource> sources;
    private final Optional<String> unavailable;

    /**
     * @param unavailable a records source that should exist but is unknown (e.g. the stack exports no log group for
     *                    the consumer): reported instead of "no error recorded" when nothing else is found
     */
    ErrorLookup(List<ErrorSource> sources, Optional<String> unavailable) {
        this.sources = List.copyOf(sources);
        this.unavailable = unavailable;
    }

    ErrorFinding find(PeekedMessage message) {
        String problem = unavailable.orElse(null);
        for (ErrorSource source : sources) {
            try {
                Optional<RecordedError> error = source.find(message);
                if (error.isPresent()) {
                    return ErrorFinding.found(error.get());
                }
            } catch (ErrorSource.ErrorSourceUnavailable e) {
                problem = e.getMessage();
            }
        }
        return problem == null ? ErrorFinding.noneRecorded() : ErrorFinding.lookupFailed(problem);
    }
}
