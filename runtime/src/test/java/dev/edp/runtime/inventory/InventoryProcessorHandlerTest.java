package dev.edp.runtime.inventory;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.RecordingSns;
import dev.edp.runtime.testing.ScriptedDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.List;
import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.RecordingSns.attribute;
import static dev.edp.runtime.testing.RecordingSns.body;
import static dev.edp.runtime.testing.ScriptedDynamo.n;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

class InventoryProcessorHandlerTest {

    private final Handlers handlers = new Handlers("inventory-processor");
    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final RecordingSns sns = new RecordingSns();
    private final InventoryProcessorHandler handler = new InventoryProcessorHandler(handlers.context, dynamo, sns);

    @Test
    void restockAddsToTheStockTogetherWithTheEventsRecord() {
        handler.handleRequest(Handlers.batch(Examples.event("inventory-updated")), null);

        List<TransactWriteItem> writes = dynamo.requests(TransactWriteItemsRequest.class).get(0).transactItems();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0).put().item().get("sk").s()).isEqualTo("EVENT#b2c5e9a1-7f43-4c1e-8d2a-5e6f7a8b9c0d");
        assertThat(writes.get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        assertThat(writes.get(1).update().updateExpression()).contains("available = if_not_exists(available, :zero) + :q");
        assertThat(writes.get(1).update().expressionAttributeValues().get(":q").n()).isEqualTo("100");
        assertThat(sns.published).isEmpty();
    }

    @Test
    void aReservationKeepsTheStockAboveZeroAndRecordsTheOrder() {
        handler.handleRequest(Handlers.batch(Examples.variant("inventory-updated",
                e -> detail(e).put("action", "reserve").put("quantity", 3).put("order_id", "ORD-001"))), null);

        List<TransactWriteItem> writes = dynamo.requests(TransactWriteItemsRequest.class).get(0).transactItems();
        assertThat(writes.get(1).update().conditionExpression()).isEqualTo("available >= :q");
        assertThat(writes.get(2).put().item().get("sk").s()).isEqualTo("RESERVATION#ORD-001");
    }

    @Test
    void aReservationAboveStockIsRejectedRecordedAndAnnouncedNotRetried() {
        dynamo.transactWriteItems = r -> {
            throw ScriptedDynamo.cancelled("None", "ConditionalCheckFailed", "None");
        };
        dynamo.getItem = r -> GetItemResponse.builder().item(Map.of("available", n("100"), "reserved", n("0"))).build();

        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.variant("inventory-updated",
                e -> detail(e).put("action", "reserve").put("quantity", 150).put("order_id", "ORD-BIG"))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        PutItemRequest rejection = dynamo.requests(PutItemRequest.class).stream()
                .filter(p -> p.item().get("sk").s().startsWith("EVENT#")).findFirst().orElseThrow();
        assertThat(rejection.item().get("outcome").s()).isEqualTo("rejected");
        assertThat(rejection.item().get("reason").s()).contains("100 available");
        assertThat(attribute(sns.only(), "kind")).isEqualTo("reservation-rejected");
        assertThat(attribute(sns.only(), "severity")).isEqualTo("warning");
        assertThat(body(sns.only()).path("orderId").asText()).isEqualTo("ORD-BIG");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        dynamo.transactWriteItems = r -> {
            throw ScriptedDynamo.cancelled("ConditionalCheckFailed", "None");
        };
        dynamo.getItem = r -> GetItemResponse.builder().item(Map.of("outcome", s("applied"))).build();

        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.event("inventory-updated")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sns.published).isEmpty();
        assertThat(handlers.logLines()).anySatisfy(l -> assertThat(l.path("outcome").asText()).isEqualTo("already-applied"));
    }

    @Test
    void aRedeliveredRejectionIsAnnouncedIfTheFirstDeliveryStoppedBeforeAnnouncingIt() {
        dynamo.transactWriteItems = r -> {
            throw ScriptedDynamo.cancelled("ConditionalCheckFailed", "ConditionalCheckFailed");
        };
        dynamo.getItem = r -> GetItemResponse.builder().item(Map.of("outcome", s("rejected"),
                "reason", s("reserving 150 of ITEM-001 would take the stock below zero: 100 available"))).build();

        handler.handleRequest(Handlers.batch(Examples.variant("inventory-updated",
                e -> detail(e).put("action", "reserve").put("quantity", 150))), null);

        assertThat(attribute(sns.only(), "kind")).isEqualTo("reservation-rejected");
    }

    @Test
    void aThrottledTransactionFailsTheRecordForARetry() {
        dynamo.transactWriteItems = r -> {
            throw ScriptedDynamo.cancelled("None", "ThrottlingError");
        };

        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.event("inventory-updated")), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(sns.published).isEmpty();
    }
}
