package dev.edp.runtime.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.edp.runtime.testing.Examples.detail;
import static org.assertj.core.api.Assertions.assertThat;

class EventConsumerTest {

    private final Handlers handlers = new Handlers("order-processor");
    private final EventConsumer consumer = handlers.context.consumer(Set.of("Order Created"));
    private final List<EventEnvelope> handled = new ArrayList<>();

    @Test
    void eachValidEventReachesTheStepAndOnlyFailedRecordsAreReported() {
        SQSBatchResponse response = consumer.handle(Handlers.batch(
                Examples.event("order-created"),
                Examples.variant("order-created", e -> detail(e).remove("items")),
                Examples.variant("order-created", e -> detail(e).put("order_id", "ORD-002"))), null, (event, invocation) -> {
            handled.add(event);
            return "created";
        });

        assertThat(handled).extracting(e -> e.text("order_id")).containsExactly("ORD-001", "ORD-002");
        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier()).containsExactly("m2");
    }

    @Test
    void aFailureIsLoggedWithTheMessageIdAndTheFieldAndCounted() {
        consumer.handle(Handlers.batch(Examples.variant("order-created", e -> detail(e).remove("items"))), null,
                (event, invocation) -> "created");

        JsonNode error = handlers.logLines().stream().filter(l -> l.path("level").asText().equals("ERROR")).findFirst().orElseThrow();
        assertThat(error.path("messageId").asText()).isEqualTo("m1");
        assertThat(error.path("invalidEvent").asBoolean()).isTrue();
        assertThat(error.path("error_message").asText()).contains("detail.items");
        assertThat(String.join("\n", handlers.metrics)).contains("\"Failures\"");
    }

    @Test
    void anEventOfAnotherDetailTypeIsRefusedNamingTheConsumersPattern() {
        SQSBatchResponse response = consumer.handle(Handlers.batch(Examples.event("order-completed")), null,
                (event, invocation) -> "created");

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(handlers.logLines()).anySatisfy(l -> assertThat(l.path("error_message").asText())
                .contains("handles [Order Created], not 'Order Completed'"));
    }

    @Test
    void theEventIdIsTheCorrelationIdAndTheOutcomeIsLoggedAndCounted() {
        consumer.handle(Handlers.batch(Examples.event("order-created")), null, (event, invocation) -> "already-created");

        JsonNode line = handlers.logLines().get(0);
        assertThat(line.path("correlation_id").asText()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        assertThat(line.path("outcome").asText()).isEqualTo("already-created");
        assertThat(String.join("\n", handlers.metrics)).contains("\"AlreadyCreated\"");
    }

    @Test
    void aStepThatThrowsFailsItsRecordSoTheQueueRetriesIt() {
        SQSBatchResponse response = consumer.handle(Handlers.batch(Examples.event("order-created")), null,
                (event, invocation) -> {
                    throw new IllegalStateException("table unavailable");
                });

        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier()).containsExactly("m1");
    }

    @Test
    void metricNamesAreTheOutcomeInPascalCase() {
        assertThat(EventConsumer.metricName("reserve-rejected")).isEqualTo("ReserveRejected");
        assertThat(EventConsumer.metricName("published")).isEqualTo("Published");
        assertThat(EventConsumer.metricName("--")).isEqualTo("Handled");
    }
}
