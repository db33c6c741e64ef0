package dev.edp.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Metrics;
import dev.edp.runtime.common.SqsBatch;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.events.EventSchemas;
import dev.edp.runtime.events.InvalidEventException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The loop of every EDP consumer: the function's queue is the target of a rule, so each SQS record's body is an
 * EventBridge event. Each record is validated against its detail-type's schema (edp-events), refused if the
 * consumer does not handle that detail-type, and handed to the business step with the event id as correlation id.
 * A step that throws fails only its record ({@link SqsBatch}): it is retried, then dead-lettered by the queue's
 * redrive policy. Nothing is swallowed: every failure is logged with the message id and the error.
 */
public final class EventConsumer {

    /** One business step: what to do with one valid event. Returns what happened, e.g. {@code applied}. */
    @FunctionalInterface
    public interface Step {
        String apply(EventEnvelope event, Invocation invocation) throws Exception;
    }

    /**
     * About the invocation a record is handled in.
     *
     * @param messageId the SQS message id (stable across redeliveries of one message)
     * @param deadline  when Lambda stops the invocation: the latest a claim on a side effect may hold
     */
    public record Invocation(String messageId, Instant deadline) {
    }

    private final String service;
    private final Set<String> detailTypes;
    private final EventSchemas schemas;
    private final JsonLog log;
    private final Metrics metrics;
    private final Clock clock;

    /**
     * @param service     the consumer's name in logs and metrics
     * @param detailTypes the detail-types this consumer handles; anything else is refused (a rule that routes
     *                    more than it should is a bug to see, not to process)
     */
    public EventConsumer(String service, Set<String> detailTypes, EventSchemas schemas, JsonLog log, Metrics metrics,
                         Clock clock) {
        this.service = service;
        this.detailTypes = Set.copyOf(detailTypes);
        this.schemas = schemas;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Handles a batch; returns the ids of the records that failed. */
    public SQSBatchResponse handle(SQSEvent batch, Context context, Step step) {
        Metrics.Batch emf = metrics.start();
        Instant deadline = context == null ? clock.instant().plusSeconds(900)
                : clock.instant().plusMillis(context.getRemainingTimeInMillis());
        try {
            return SqsBatch.process(batch, record -> handle(record, deadline, step, emf),
                    (record, error) -> failed(record, error, emf));
        } finally {
            log.clearCorrelationId();
            emf.flush();
        }
    }

    private void handle(SQSEvent.SQSMessage record, Instant deadline, Step step, Metrics.Batch emf) throws Exception {
        log.correlationId(record.getMessageId());
        EventEnvelope event = schemas.parse(record.getBody());
        event.id().ifPresent(log::correlationId);
        if (!detailTypes.contains(event.detailType())) {
            throw new InvalidEventException(service + " handles " + detailTypes + ", not '" + event.detailType()
                    + "': check the consumer's event pattern");
        }
        String outcome = step.apply(event, new Invocation(record.getMessageId(), deadline));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("detailType", event.detailType());
        fields.put("schemaVersion", event.schemaVersion());
        fields.put("outcome", outcome);
        fields.put("messageId", record.getMessageId());
        log.info(event.detailType() + ": " + outcome, fields);
        emf.count("Events", 1).count(metricName(outcome), 1);
        log.clearCorrelationId();
    }

    private void failed(SQSEvent.SQSMessage record, Exception error, Metrics.Batch emf) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", record.getMessageId());
        fields.put("receiveCount", SqsBatch.receiveCount(record));
        fields.put("invalidEvent", error instanceof InvalidEventException);
        log.error(service + " failed an event; it is retried, then dead-lettered", fields, error);
        emf.count("Failures", 1);
        log.clearCorrelationId();
    }

    /** {@code already-applied} → {@code AlreadyApplied}. */
    static String metricName(String outcome) {
        StringBuilder name = new StringBuilder();
        for (String word : outcome.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.length() == 0 ? "Handled" : name.toString();
    }

    /**
     * SnapStart priming: an SQS batch of the seed example of each detail-type this consumer handles, as an event
     * source mapping would deliver it, for a twin of the handler to rehearse ({@code EventConsumerHandler.rehearse}).
     */
    public SQSEvent primingBatch() {
        SQSEvent batch = new SQSEvent();
        batch.setRecords(new java.util.ArrayList<>());
        detailTypes.stream().sorted().map(schemas::exampleJson).flatMap(Optional::stream).forEach(example -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("priming-" + batch.getRecords().size());
            record.setBody(example.toString());
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            record.setEventSource("aws:sqs");
            batch.getRecords().add(record);
        });
        return batch;
    }

    /**
     * SnapStart priming: the seed example of each detail-type this consumer handles, parsed and validated as a
     * delivery would be (the schemas compiled, the JSON and validator classes loaded). Nothing is processed.
     */
    public java.util.List<EventEnvelope> prime() {
        return detailTypes.stream().sorted().map(schemas::example).flatMap(Optional::stream).toList();
    }
}
