package dev.edp.cli.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link DeadLetterReport}s for people (text) and for scripts ({@code --json}). */
final class DeadLetterReportView {

    static final int BODY_PREVIEW = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterReportView() {
    }

    static String text(List<DeadLetterReport> reports, Instant now) {
        StringBuilder out = new StringBuilder();
        for (DeadLetterReport r : reports) {
            out.append(r.queue().label()).append(": DLQ ").append(ops(r)).append('\n');
            if (r.depth().total() == 0) {
                continue;
            }
            r.oldestSentAt().ifPresent(oldest -> out.append("  oldest: first sent ").append(oldest).append(", ")
                    .append(age(Duration.between(oldest, now))).append(" ago")
                    .append(r.oldestExact() ? " (every visible message looked at)"
                            : " (oldest of " + r.inspected() + " looked at; older ones may exist)").append('\n'));
            for (DeadLetterReport.Sampled s : r.sample()) {
                PeekedMessage m = s.message();
                out.append("  message ").append(m.messageId()).append(": first sent ").append(m.sentAt())
                        .append(", received ").append(m.receivesBefore()).append(" time(s)\n");
                out.append("    error: ").append(s.finding().describe()).append('\n');
                out.append("    body: ").append(preview(m.body())).append('\n');
            }
            if (r.sample().size() < r.depth().visible()) {
                out.append("  (").append(r.sample().size()).append(" of ").append(r.depth().visible())
                        .append(" visible messages shown; --sample N shows more)\n");
            }
        }
        return out.toString();
    }

    static String json(String stack, List<DeadLetterReport> reports, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("stack", stack);
        root.put("at", now.toString());
        ArrayNode queues = root.putArray("queues");
        for (DeadLetterReport r : reports) {
            ObjectNode q = queues.addObject();
            q.put("label", r.queue().label());
            q.put("url", r.queue().url());
            q.put("visible", r.depth().visible());
            q.put("inFlight", r.depth().inFlight());
            q.put("delayed", r.depth().delayed());
            q.put("inspected", r.inspected());
            r.oldestSentAt().ifPresent(o -> {
                q.put("oldestSentAt", o.toString());
                q.put("oldestAgeSeconds", Duration.between(o, now).toSeconds());
            });
            q.put("oldestExact", r.oldestExact());
            ArrayNode sample = q.putArray("sample");
            for (DeadLetterReport.Sampled s : r.sample()) {
                ObjectNode m = sample.addObject();
                m.put("messageId", s.message().messageId());
                m.put("sentAt", s.message().sentAt().toString());
                m.put("receiveCount", s.message().receivesBefore());
                m.put("body", s.message().body());
                m.put("error", s.finding().describe());
                s.finding().error().ifPresent(e -> {
                    ObjectNode recorded = m.putObject("recordedError");
                    recorded.put("source", e.source());
                    recorded.put("summary", e.summary());
                    recorded.put("at", e.at().toString());
                    recorded.set("details", JSON.valueToTree(e.details()));
                });
            }
        }
        return root.toPrettyString();
    }

    private static String ops(DeadLetterReport r) {
        String name = r.queue().url().substring(r.queue().url().lastIndexOf('/') + 1);
        if (r.depth().total() == 0) {
            return name + ": empty";
        }
        return name + ": " + r.depth().total() + " message(s) (" + r.depth().visible() + " visible, "
                + r.depth().inFlight() + " in flight, " + r.depth().delayed() + " delayed)";
    }

    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format("%02ds", s % 60);
        }
        if (s < 86400) {
            return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86400) + "d " + String.format("%02dh", (s % 86400) / 3600);
    }

    private static String preview(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() <= BODY_PREVIEW ? flat : flat.substring(0, BODY_PREVIEW) + "...";
    }
}
