package dev.edp.cli.replay;

import dev.edp.cli.ops.OpsException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The time range of a replay: events that happened at or after {@code from} and before {@code to}, both ISO-8601
 * instants with a zone ({@code 2026-01-31T00:00:00Z}, {@code 2026-01-31T01:00:00+01:00}), read as UTC instants. A
 * time without a zone is refused: it would mean a different instant on every machine.
 */
public record ReplayWindow(Instant from, Instant to) {

    public static ReplayWindow parse(String from, String to) {
        Instant start = instant("--from", from);
        Instant end = instant("--to", to);
        if (!start.isBefore(end)) {
            throw new OpsException("--from " + start + " must be before --to " + end);
        }
        return new ReplayWindow(start, end);
    }

    static Instant instant(String flag, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new OpsException(flag + " " + text + ": not an ISO-8601 instant with a zone, e.g. "
                        + "2026-01-31T00:00:00Z (UTC) or 2026-01-31T01:00:00+01:00");
            }
        }
    }
}
