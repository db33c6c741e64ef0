package dev.edp.cli.local.run.domain;

import dev.edp.events.FunctionEnvironment;
import dev.edp.events.QueueDefaults;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.sandbox.bus.BusEvent;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.QueuePeek;
import dev.edp.cli.local.run.ScenarioContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the domain scenarios do with the deployed pattern: put events on the EDP bus (through the sandbox endpoint,
 * as any producer would), wait for a consumer to process them, read the table and the dead-letter queues.
 */
final class DomainProbe {

    private final ScenarioContext context;

    DomainProbe(ScenarioContext context) {
        this.context = context;
    }

    /** A new {@code detail} object. */
    static ObjectNode detail() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Puts one event on the EDP bus; returns its id (moto's), which keys it in the trace and the ledger. */
    String put(String source, String detailType, ObjectNode detail) {
        detail.put("timestamp", Instant.now().toString());
        var entry = context.aws().events().putEvents(b -> b.entries(e -> e.eventBusName(context.export("busName"))
                .source(source).detailType(detailType).detail(detail.toString()))).entries().get(0);
        if (entry.eventId() == null) {
            throw new IllegalStateException("PutEvents refused the " + detailType + " event: " + entry.errorCode() + " "
                    + entry.errorMessage());
        }
        return entry.eventId();
    }

    /**
     * Waits until {@code consumer} processed the event successfully, or failed it as often as its queue allows, or
     * the timeout passed; returns every attempt seen.
     */
    List<DeliveryLedger.Attempt> awaitProcessed(String eventId, String consumer) {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        while (true) {
            List<DeliveryLedger.Attempt> attempts = context.ledger().attempts(eventId).stream()
                    .filter(a -> a.function().equals(consumer)).toList();
            boolean done = attempts.stream().anyMatch(DeliveryLedger.Attempt::ok)
                    || attempts.stream().filter(a -> !a.ok()).count() >= maxReceives(consumer);
            if (done || System.nanoTime() > deadline) {
                return attempts;
            }
            pause();
        }
    }

    /** Whether the consumer processed the event successfully. */
    boolean processed(String eventId, String consumer) {
        return awaitProcessed(eventId, consumer).stream().anyMatch(DeliveryLedger.Attempt::ok);
    }

    /** The consumer's dead-letter queue holds none of these events. */
    boolean notDeadLettered(String consumer, List<String> eventIds) {
        String url = context.exportMap("deadLetterQueueUrls").get(consumer);
        return QueuePeek.peek(context.aws().sqs(), url).values().stream()
                .noneMatch(m -> eventIds.contains(BusEvent.parse(m.body()).id()));
    }

    /** An item of the pattern's table, read consistently. */
    Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        Map<String, AttributeValue> item = context.aws().dynamo().getItem(b -> b.tableName(context.export("tableName"))
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** A string or number attribute of an item, as text ("" when absent). */
    static String text(Optional<Map<String, AttributeValue>> item, String attribute) {
        return item.map(i -> i.get(attribute)).map(v -> v.s() != null ? v.s() : v.n() != null ? v.n() : "").orElse("");
    }

    private int maxReceives(String consumer) {
        return context.function(consumer)
                .map(f -> Integer.parseInt(f.environment().getOrDefault(FunctionEnvironment.MAX_RECEIVE_COUNT,
                        String.valueOf(QueueDefaults.MAX_RECEIVE_COUNT)))).orElse(QueueDefaults.MAX_RECEIVE_COUNT);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
