package dev.edp.runtime.notifications;

import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notification.Kind;
import dev.edp.runtime.common.Notification.Severity;
import dev.edp.runtime.events.EventEnvelope;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * "Notification Sent" (seed 003): a message for subscribers. {@code kind} defaults to {@code notification} and is
 * normalised to the attribute form ({@code Shipping Update} → {@code shipping-update}); {@code severity} defaults to
 * {@code info}; the source attribute is the event's source.
 */
record NotificationRequest(String notificationId, String subject, String message, Kind kind, Severity severity,
                           String source, String timestamp) {

    static final String DETAIL_TYPE = "Notification Sent";
    static final Kind DEFAULT_KIND = Kind.of("notification");

    static NotificationRequest from(EventEnvelope event) {
        return new NotificationRequest(event.text("notification_id"), event.text("subject"), event.text("message"),
                event.optionalText("kind").map(NotificationRequest::kind).orElse(DEFAULT_KIND),
                event.optionalText("severity").map(s -> Severity.valueOf(s.toUpperCase(Locale.ROOT))).orElse(Severity.INFO),
                event.source(), event.optionalText("timestamp").orElse(null));
    }

    /** What subscribers receive: the common notification body with the message and its id. */
    Notification notification() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("notificationId", notificationId);
        details.put("message", message);
        details.put("timestamp", timestamp);
        return new Notification(kind, source, severity, subject, details);
    }

    static Kind kind(String text) {
        String normalised = text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return normalised.isEmpty() ? DEFAULT_KIND : Kind.of(normalised.length() > 64 ? normalised.substring(0, 64) : normalised);
    }
}
