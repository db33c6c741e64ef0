package dev.edp.runtime.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.events.Json;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.handler.PatternEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A handler's context for unit tests: a fixed clock, the log and the EMF output kept for assertions. */
public final class Handlers {

    public static final String TABLE = "edp-test-table";
    public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:edp-test-notifications";
    public static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");

    public final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    public final List<String> metrics = new ArrayList<>();
    public final HandlerContext context;

    public Handlers(String service) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        context = new HandlerContext(new PatternEnvironment("dev", TABLE, TOPIC, "edp-test-bus", Optional.of(service),
                Optional.empty()), service,
                new JsonLog(service, "dev", new PrintStream(logs, true, StandardCharsets.UTF_8), clock),
                new Metrics("EDP", service, "dev", () -> Metrics.sinkEnvironment(new Recording(metrics))), clock);
    }

    /** The JSON log lines written so far. */
    public List<JsonNode> logLines() {
        return logs.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).map(Json::read).toList();
    }

    /** An SQS batch whose bodies are these events; message ids m1, m2, ... */
    public static SQSEvent batch(Object... events) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m" + (i + 1));
            record.setBody(events[i].toString());
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private record Recording(List<String> lines) implements ISink {
        @Override
        public void accept(MetricsContext context) {
            try {
                lines.addAll(context.serialize());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
