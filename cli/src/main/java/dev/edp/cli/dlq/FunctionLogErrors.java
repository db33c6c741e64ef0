package dev.edp.cli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The error a consumer's function logged for a message. Every EDP handler writes one JSON line per failed record
 * (level {@code ERROR}, with {@code messageId}, {@code receiveCount}, {@code error}, {@code error_message}, and for a
 * bad cost report {@code file} and {@code line}: the same fields as the error notification, which is only sent on
 * the last delivery). Lambda ships those lines to the function's log group; this finds them with a quoted-term
 * filter on the message id (which CloudWatch Logs evaluates server-side) and keeps the last failure logged.
 */
final class FunctionLogErrors implements ErrorSource {

    /** Earlier than the first send there can be no failure; a little slack for clock differences. */
    static final Duration SLACK = Duration.ofMinutes(5);
    static final int MAX_PAGES = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudWatchLogsClient logs;
    private final String logGroup;

    FunctionLogErrors(CloudWatchLogsClient logs, String logGroup) {
        this.logs = logs;
        this.logGroup = logGroup;
    }

    @Override
    public Optional<RecordedError> find(PeekedMessage message) {
        JsonNode last = null;
        Instant lastAt = null;
        String token = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String next = token;
                FilterLogEventsResponse response = logs.filterLogEvents(b -> b.logGroupName(logGroup)
                        .filterPattern("\"" + message.messageId() + "\"")
                        .startTime(message.sentAt().minus(SLACK).toEpochMilli())
                        .nextToken(next));
                for (FilteredLogEvent event : response.events()) {
                    Optional<JsonNode> line = failureLine(event.message(), message.messageId());
                    if (line.isPresent() && (last == null || receiveCount(line.get()) >= receiveCount(last))) {
                        last = line.get();
                        lastAt = Instant.ofEpochMilli(event.timestamp());
                    }
                }
                token = response.nextToken();
                if (token == null || token.isEmpty()) {
                    break;
                }
            }
            if (last == null) {
                requireLogsThatCouldHoldIt(message);
                return Optional.empty();
            }
        } catch (SdkException e) {
            throw new ErrorSourceUnavailable("log group " + logGroup + ": " + e.getMessage(), e);
        }
        return Optional.of(new RecordedError("function log " + logGroup, summary(last), lastAt, details(last)));
    }

    /**
     * "No error recorded" is only said when the log could hold one: a log group without any stream has none of the
     * function's output (in the local sandbox it goes to files), and one that keeps fewer days than the message's
     * age may have lost it.
     */
    private void requireLogsThatCouldHoldIt(PeekedMessage message) {
        if (logs.describeLogStreams(b -> b.logGroupName(logGroup).limit(1)).logStreams().isEmpty()) {
            throw new ErrorSourceUnavailable("log group " + logGroup + " has no log streams: the function's output is"
                    + " not in CloudWatch Logs (in the local sandbox it is written to files)", null);
        }
        Integer days = logs.describeLogGroups(b -> b.logGroupNamePrefix(logGroup)).logGroups().stream()
                .filter(g -> logGroup.equals(g.logGroupName())).findFirst().map(g -> g.retentionInDays()).orElse(null);
        if (days != null && message.sentAt().isBefore(Instant.now().minus(Duration.ofDays(days)))) {
            throw new ErrorSourceUnavailable("log group " + logGroup + " keeps " + days + " days of logs and the message"
                    + " was first sent " + message.sentAt() + ": its failures may have expired", null);
        }
    }

    /** The handler's failure line for this message: JSON, level ERROR, same messageId (also when Lambda wraps it). */
    static Optional<JsonNode> failureLine(String text, String messageId) {
        Optional<JsonNode> line = parse(text);
        if (line.isPresent() && !line.get().has("messageId") && line.get().path("message").isTextual()) {
            // Lambda's JSON log format may wrap what the handler printed as the "message" of its own record.
            line = parse(line.get().get("message").asText());
        }
        return line.filter(l -> messageId.equals(l.path("messageId").asText(null)))
                .filter(l -> "ERROR".equals(l.path("level").asText()));
    }

    static String summary(JsonNode line) {
        StringBuilder s = new StringBuilder();
        String error = line.path("error").asText("");
        s.append(error.isEmpty() ? line.path("message").asText("failed")
                : error.substring(error.lastIndexOf('.') + 1));
        if (line.hasNonNull("error_message")) {
            s.append(": ").append(line.get("error_message").asText());
        }
        if (line.hasNonNull("file")) {
            s.append(" (file ").append(line.get("file").asText());
            if (line.hasNonNull("line")) {
                s.append(", line ").append(line.get("line").asText());
            }
            s.append(')');
        }
        if (line.has("receiveCount")) {
            s.append(" on receive ").append(line.get("receiveCount").asText());
        }
        return s.toString();
    }

    private static Map<String, Object> details(JsonNode line) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            details.put(field.getKey(), value.isValueNode() ? JSON.convertValue(value, Object.class) : value.toString());
        }
        return details;
    }

    private static int receiveCount(JsonNode line) {
        return line.path("receiveCount").asInt(0);
    }

    private static Optional<JsonNode> parse(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
