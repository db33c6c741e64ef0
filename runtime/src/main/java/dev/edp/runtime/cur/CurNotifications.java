package dev.edp.runtime.cur;

import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notification.Kind;
import dev.edp.runtime.common.Notification.Severity;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CUR pipeline's notifications. Lists are capped so a message stays far below SNS's 256 KiB. */
final class CurNotifications {

    static final String SOURCE = "cur";
    static final int MAX_LISTED = 20;

    private CurNotifications() {
    }

    static Notification success(CurObject object, CurAggregation report, List<String> curatedKeys) {
        Map<String, Object> details = new LinkedHashMap<>(objectFields(object));
        details.put("rows", report.lineItems());
        details.put("groups", report.totals().size());
        details.put("layout", report.layout().name());
        details.put("firstDay", report.days().isEmpty() ? null : report.days().first().toString());
        details.put("lastDay", report.days().isEmpty() ? null : report.days().last().toString());
        details.put("unblendedCost", Amounts.plain(report.grandTotal()));
        details.put("topGroups", report.totals().entrySet().stream()
                .sorted(Map.Entry.<CostKey, CostTotal>comparingByValue(Comparator.comparing(CostTotal::unblendedCost)).reversed())
                .limit(MAX_LISTED)
                .map(e -> Map.of("usageDate", e.getKey().usageDate().toString(), "accountId", e.getKey().accountId(),
                        "service", e.getKey().service(), "unblendedCost", Amounts.plain(e.getValue().unblendedCost()),
                        "lineItems", e.getValue().lineItems()))
                .toList());
        details.put("curatedObjects", curatedKeys.size());
        return new Notification(Kind.SUCCESS, SOURCE, Severity.INFO,
                "CUR ingested: " + object.key() + " (" + report.lineItems() + " rows)", details);
    }

    static Notification anomalies(CurObject object, List<AnomalyRule.Anomaly> anomalies, AnomalyRule rule) {
        Map<String, Object> details = new LinkedHashMap<>(objectFields(object));
        details.put("rule", Map.of("factor", Amounts.plain(rule.factor()), "windowDays", rule.windowDays(),
                "minHistoryDays", rule.minHistoryDays()));
        details.put("count", anomalies.size());
        details.put("anomalies", anomalies.stream().limit(MAX_LISTED).map(AnomalyRule::describe).toList());
        return new Notification(Kind.ANOMALY, SOURCE, Severity.WARNING,
                "CUR cost anomaly: " + anomalies.size() + " day(s) above " + Amounts.plain(rule.factor())
                        + "x the trailing mean", details);
    }

    /**
     * A record that failed its last delivery before the dead-letter queue.
     *
     * @param object  what it was about, when the event could be read
     * @param eventId the event's id, when the event could be read
     */
    static Notification error(String object, String eventId, String messageId, int receiveCount, Exception error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("object", object);
        details.put("eventId", eventId);
        details.put("messageId", messageId);
        details.put("receiveCount", receiveCount);
        if (error instanceof CurFormatException format) {
            details.put("file", format.file());
            details.put("line", format.line());
            details.put("reason", format.reason());
        } else {
            details.put("reason", error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        details.put("deadLetterQueue", true);
        return new Notification(Kind.ERROR, SOURCE, Severity.ERROR,
                "CUR ingest failed: " + (object == null ? messageId : object), details);
    }

    private static Map<String, Object> objectFields(CurObject object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("object", object.uri());
        fields.put("bucket", object.bucket());
        fields.put("key", object.key());
        fields.put("version", object.version());
        return fields;
    }
}
