package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.edp.runtime.inventory.InsufficientStockException;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.ScriptedDynamo;
import dev.edp.runtime.testing.Tasks;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.ScriptedDynamo.n;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReserveInventoryHandlerTest {

    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final ReserveInventoryHandler handler = new ReserveInventoryHandler(new Handlers("wf-reserve").context, dynamo);

    private static com.fasterxml.jackson.databind.node.ObjectNode trigger() {
        return Examples.variant("workflow-triggered", e -> {
            ArrayNode items = detail(e).putArray("items");
            items.addObject().put("item_id", "ITEM-001").put("quantity", 2).put("price", new BigDecimal("29.99"));
            items.addObject().put("item_id", "ITEM-002").put("quantity", 1).put("price", new BigDecimal("5.00"));
            items.addObject().put("item_id", "ITEM-001").put("quantity", 1).put("price", new BigDecimal("29.99"));
        });
    }

    @Test
    void theOrdersItemsAreReservedInOneTransactionOneWritePairPerItem() throws Exception {
        JsonNode result = Tasks.invoke(handler, trigger());

        List<TransactWriteItem> writes = dynamo.requests(TransactWriteItemsRequest.class).get(0).transactItems();
        assertThat(writes).hasSize(4);
        assertThat(writes.get(0).update().key().get("pk").s()).isEqualTo("ITEM#ITEM-001");
        assertThat(writes.get(0).update().conditionExpression()).isEqualTo("available >= :q");
        assertThat(writes.get(0).update().expressionAttributeValues().get(":q").n()).as("two lines of ITEM-001").isEqualTo("3");
        assertThat(writes.get(1).put().item().get("sk").s()).isEqualTo("RESERVATION#ORD-001");
        assertThat(writes.get(1).put().item().get("workflowId").s()).as("only its compensation releases it")
                .isEqualTo("WF-001");
        assertThat(writes.get(1).put().conditionExpression())
                .isEqualTo("attribute_not_exists(pk) OR attribute_exists(compensatedAt)");
        assertThat(result.at("/reserved/ITEM-001").asInt()).isEqualTo(3);
        assertThat(result.path("already_reserved").asBoolean()).isFalse();
    }

    @Test
    void aRetryFindsTheReservationsMadeAndChangesNothing() throws Exception {
        dynamo.batchGetItem = r -> BatchGetItemResponse.builder().responses(Map.of(Handlers.TABLE, List.of(
                Map.of("itemId", s("ITEM-001")), Map.of("itemId", s("ITEM-002"))))).build();

        JsonNode result = Tasks.invoke(handler, trigger());

        assertThat(dynamo.requests(TransactWriteItemsRequest.class)).isEmpty();
        assertThat(result.path("already_reserved").asBoolean()).isTrue();
    }

    @Test
    void aReservationAFailedWorkflowsCompensationReleasedHoldsNothingAndIsMadeAgain() throws Exception {
        dynamo.batchGetItem = r -> BatchGetItemResponse.builder().responses(Map.of(Handlers.TABLE, List.of(
                Map.of("itemId", s("ITEM-001"), "quantity", n("0"), "compensatedAt", s("2024-01-15T10:00:00Z")),
                Map.of("itemId", s("ITEM-002"))))).build();

        JsonNode result = Tasks.invoke(handler, trigger());

        List<TransactWriteItem> writes = dynamo.requests(TransactWriteItemsRequest.class).get(0).transactItems();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).put().item().get("itemId").s()).isEqualTo("ITEM-001");
        assertThat(result.path("already_reserved").asBoolean()).isFalse();
    }

    @Test
    void tooLittleStockFailsTheTaskNamingTheShortItem() {
        dynamo.transactWriteItems = r -> {
            throw ScriptedDynamo.cancelled("None", "None", "ConditionalCheckFailed", "None");
        };
        dynamo.getItem = r -> GetItemResponse.builder().item(Map.of("available", n("0"), "reserved", n("4"))).build();

        assertThatThrownBy(() -> Tasks.invoke(handler, trigger()))
                .isInstanceOf(InsufficientStockException.class)
                .hasMessageContaining("ITEM-002 needs 1, 0 available")
                .hasMessageNotContaining("ITEM-001 needs");
    }
}
