package dev.edp.cli.dlq;

import java.time.Instant;
import java.util.Map;

/**
 * The error recorded for a dead-lettered message by the pipeline itself, never inferred.
 *
 * @param source  where it was found, e.g. {@code function log /edp/edp/dev/cur-ingest-...} or
 *                {@code EventBridge delivery attributes}
 * @param summary one line: what failed and why
 * @param at      when it was recorded
 * @param details the recorded fields as they are (error class, file, line, receive count, rule, ...)
 */
public record RecordedError(String source, String summary, Instant at, Map<String, Object> details) {
}
