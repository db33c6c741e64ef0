package dev.edp.cli.dlq;

import java.util.Optional;

/**
 * What looking for a message's recorded error found: the error, or nothing recorded, or that the look itself
 * failed (so "no error recorded" is only said when the records were really read).
 */
public record ErrorFinding(Optional<RecordedError> error, Optional<String> lookupProblem) {

    static final String NONE = "no error recorded";

    static ErrorFinding found(RecordedError error) {
        return new ErrorFinding(Optional.of(error), Optional.empty());
    }

    static ErrorFinding noneRecorded() {
        return new ErrorFinding(Optional.empty(), Optional.empty());
    }

    static ErrorFinding lookupFailed(String problem) {
        return new ErrorFinding(Optional.empty(), Optional.of(problem));
    }

    /** One line for people: the summary, or "no error recorded", or why the records could not be read. */
    public String describe() {
        return error.map(e -> e.summary() + " [" + e.source() + ", " + e.at() + "]")
                .orElseGet(() -> lookupProblem.map(p -> "error unknown: the records could not be read (" + p + ")")
                        .orElse(NONE));
    }
}
