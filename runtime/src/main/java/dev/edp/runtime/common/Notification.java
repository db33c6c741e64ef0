package dev.edp.runtime.common;

import java.util.Locale;
import java.util.Map;

/**
 * A message for the notifications topic. {@code kind}, {@code source} and {@code severity} travel as SNS message
 * attributes so that subscribers filter (e.g. only {@code kind=anomaly}); the body is a JSON object that repeats
 * them beside the details.
 *
 * @param kind     what happened
 * @param source   which pipeline says it, e.g. {@code cur}
 * @param severity how urgent it is
 * @param subject  a one-line summary (the e-mail subject for e-mail subscribers)
 * @param details  the JSON body's other fields
 */
public record Notification(Kind kind, String source, Severity severity, String subject, Map<String, ?> details) {

    /** What happened. */
    public enum Kind {
        SUCCESS, ERROR, ANOMALY;

        public String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How urgent it is. */
    public enum Severity {
        INFO, WARNING, ERROR;

        public String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
