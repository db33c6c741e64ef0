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

    /**
     * What happened, as subscribers filter on it: the pipelines' own kinds below, or any other lowercase word with
     * dashes (the order consumer's {@code order-created}, a {@code Notification Sent} event's {@code detail.kind}).
     */
    public record Kind(String attribute) {
        public static final Kind SUCCESS = new Kind("success");
        public static final Kind ERROR = new Kind("error");
        public static final Kind ANOMALY = new Kind("anomaly");

        public Kind {
            if (attribute == null || !attribute.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new IllegalArgumentException("notification kind must be 1 to 64 lowercase letters, digits or"
                        + " dashes, got '" + attribute + "'");
            }
        }

        public static Kind of(String attribute) {
            return new Kind(attribute);
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
