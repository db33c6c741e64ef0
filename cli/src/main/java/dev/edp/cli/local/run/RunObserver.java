package dev.edp.cli.local.run;

import dev.edp.sandbox.Sandbox;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.sandbox.bus.BusEvent;
import dev.edp.sandbox.bus.BusTarget;
import dev.edp.sandbox.bus.LocalEventBus;
import dev.edp.sandbox.functions.EventSourceMappings;
import dev.edp.sandbox.functions.InvokeApi;
import dev.edp.sandbox.functions.LocalFunction;

import java.time.Instant;
import java.util.List;

/**
 * Turns what the sandbox's parts report (the bus, the event source mappings, the Invoke API, the notifications) into
 * trace lines and ledger entries: one place that knows what each observation means for an event.
 */
public final class RunObserver implements Sandbox.Observer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Trace trace;
    private final DeliveryLedger ledger;

    public RunObserver(Trace trace, DeliveryLedger ledger) {
        this.trace = trace;
        this.ledger = ledger;
    }

    @Override
    public void received(String bus, BusEvent event, String via, List<String> rules) {
        Instant now = Instant.now();
        String key = event.key();
        trace.start(key, event.source().equals("aws.s3") ? "S3 upload " + key
                : "event \"" + event.detailType() + "\" from " + event.source() + " (id " + event.id() + ")", now);
        if (via.startsWith("forwarded")) {
            ledger.forwarded(key, now);
            trace.hop(key, now, "default bus: the forwarding rule matched the S3 event → " + bus);
        }
        ledger.received(bus, key, event.detailType());
        ledger.matched(key, rules);
        trace.hop(key, now, "bus " + bus + ": \"" + event.detailType() + "\" from " + event.source()
                + (via.startsWith("forwarded") ? "" : " (" + via + ")")
                + (rules.isEmpty() ? " matched no rule" : " → rules " + String.join(", ", rules)));
    }

    @Override
    public void delivered(BusTarget target, BusEvent event, String answer) {
        Instant now = Instant.now();
        ledger.delivered(event.key(), new DeliveryLedger.Delivery(target.ruleLogicalName(), target.service(),
                target.resourceName(), answer, now));
        trace.hop(event.key(), now, "  → " + target.service() + " " + target.resourceName());
    }

    @Override
    public void failed(BusTarget target, BusEvent event, Throwable error, String deadLetterId) {
        ledger.failed(new DeliveryLedger.Failure(event.key(), target.ruleLogicalName(), target.arn(),
                String.valueOf(error.getMessage()), deadLetterId));
        trace.hop(event.key(), Instant.now(), "  ✗ " + target.service() + " " + target.resourceName() + ": "
                + error.getMessage() + (deadLetterId == null ? " (no dead-letter queue: LOST)" : " → its dead-letter queue"));
    }

    @Override
    public void invokedAsync(BusTarget target, BusEvent event, int attempt, String error, boolean last,
                             String destinationId) {
        Instant now = Instant.now();
        String key = event.key();
        String function = target.arn().split(":").length > 6 ? target.arn().split(":")[6] : target.arn();
        String message = error == null ? null : errorMessage(error);
        ledger.attempted(key, new DeliveryLedger.Attempt(function, attempt, error == null, message, now));
        if (last) {
            ledger.asyncSettled(key, target.ruleLogicalName());
            if (error != null) {
                ledger.failed(new DeliveryLedger.Failure(key, target.ruleLogicalName(), target.arn(), message, destinationId));
            }
        }
        trace.hop(key, now, "λ " + function + " (asynchronous invocation, attempt " + attempt + ") → "
                + (error == null ? "ok" : "failed: " + message + (!last ? "; Lambda retries"
                : destinationId != null ? " → its on-failure destination" : " (no on-failure destination: LOST)")));
    }

    @Override
    public void invoking(EventSourceMappings.Mapping mapping, List<SQSEvent.SQSMessage> records, Instant at) {
        for (SQSEvent.SQSMessage record : records) {
            trace.hop(key(record.getBody(), record.getMessageId()), at, "λ " + mapping.function().displayName()
                    + ": invoked with a batch of " + records.size() + " (receive #" + receiveCount(record) + ")");
        }
    }

    @Override
    public void batch(EventSourceMappings.Batch batch) {
        String function = batch.mapping().function().displayName();
        for (SQSEvent.SQSMessage record : batch.records()) {
            String key = key(record.getBody(), record.getMessageId());
            boolean ok = !batch.failedMessageIds().contains(record.getMessageId());
            int receiveCount = receiveCount(record);
            String error = ok ? null : batch.error() == null
                    ? "reported in batchItemFailures; the reason is in logs/" + function + ".log" : batch.error().getMessage();
            ledger.attempted(key, new DeliveryLedger.Attempt(function, receiveCount, ok, error, batch.ended()));
            if (ok) {
                ledger.processed(batch.mapping().queueName(), record.getMessageId());
            }
            trace.hop(key, batch.ended(), "λ " + function + ": " + (ok ? "ok, message deleted" : "failed (" + error
                    + "); the message stays on the queue"));
        }
    }

    @Override
    public void invoked(LocalFunction function, byte[] payload, Instant started, Instant ended, Throwable error) {
        String key;
        try {
            JsonNode input = JSON.readTree(payload);
            key = input.has("id") ? BusEvent.key(input) : null;
        } catch (Exception e) {
            key = null;
        }
        ledger.attempted(key != null ? key : "invoke " + function.displayName(), new DeliveryLedger.Attempt(
                function.displayName(), 1, error == null, error == null ? null : error.getMessage(), ended));
        // A payload that is an event: a Step Functions task; any other (an asynchronous invocation with an
        // InputPath, an `aws lambda invoke`) is traced by whoever invoked it.
        if (key != null) {
            trace.hop(key, ended, "λ " + function.displayName() + " (Step Functions task) → "
                    + (error == null ? "ok" : "failed: " + error.getMessage()));
        }
    }

    /** A notification observed on the topic: a hop of the event it is about (CUR: its object). */
    public void notified(Notifications.Notification n) {
        String key = n.object() != null ? n.object() : n.body().path("eventId").asText(null);
        if (key != null) {
            trace.hop(key, n.publishedAt(), "SNS notifications: " + n.kind() + (n.subject() == null ? "" : " \"" + n.subject() + "\""));
        }
    }

    /** The {@code errorMessage} of Lambda's error payload, or the payload. */
    private static String errorMessage(String payload) {
        try {
            JsonNode error = JSON.readTree(payload);
            return error.path("errorMessage").isTextual() ? error.path("errorMessage").asText() : payload;
        } catch (Exception e) {
            return payload;
        }
    }

    private static String key(String body, String fallback) {
        try {
            return BusEvent.key(JSON.readTree(body));
        } catch (Exception e) {
            return fallback;
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        try {
            return Integer.parseInt(record.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
