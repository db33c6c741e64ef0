package dev.edp.runtime.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Structured logging: one JSON object per line on standard output, which Lambda ships to CloudWatch Logs as is.
 * Every line carries the service, the environment and, while a record is handled, the id of the event being
 * handled as {@code correlation_id}, so one query finds everything that happened to one event across functions.
 *
 * <p>Not thread-safe by design: a handler handles one record at a time.
 */
public final class JsonLog {

    /** The severity of a log line. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final String environment;
    private final PrintStream out;
    private final Clock clock;
    private String correlationId;

    public JsonLog(String service, String environment, PrintStream out, Clock clock) {
        this.service = service;
        this.environment = environment;
        this.out = out;
        this.clock = clock;
    }

    /** A log on standard output, as Lambda expects. */
    public static JsonLog stdout(String service, String environment) {
        return new JsonLog(service, environment, System.out, Clock.systemUTC());
    }

    /** Sets the id that every following line carries, until {@link #clearCorrelationId()}. */
    public void correlationId(String id) {
        this.correlationId = id;
    }

    public void clearCorrelationId() {
        this.correlationId = null;
    }

    public void info(String message, Map<String, ?> fields) {
        write(Level.INFO, message, fields, null);
    }

    public void warn(String message, Map<String, ?> fields) {
        write(Level.WARN, message, fields, null);
    }

    public void error(String message, Map<String, ?> fields, Throwable error) {
        write(Level.ERROR, message, fields, error);
    }

    private void write(Level level, String message, Map<String, ?> fields, Throwable error) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level.name());
        line.put("service", service);
        line.put("environment", environment);
        if (correlationId != null) {
            line.put("correlation_id", correlationId);
        }
        line.put("message", message);
        fields.forEach((name, value) -> line.set(name, JSON.valueToTree(value)));
        if (error != null) {
            line.put("error", error.getClass().getName());
            line.put("error_message", String.valueOf(error.getMessage()));
        }
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            // A tree of plain values always serializes; this would be a bug in the caller's field values.
            throw new IllegalArgumentException("log fields are not serializable: " + fields.keySet(), e);
        }
    }
}
