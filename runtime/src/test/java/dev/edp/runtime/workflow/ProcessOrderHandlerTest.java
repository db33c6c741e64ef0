package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.orders.OrderInOtherWorkflowException;
import dev.edp.runtime.orders.OrderNotFoundException;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.ScriptedDynamo;
import dev.edp.runtime.testing.Tasks;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.ScriptedDynamo.n;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessOrderHandlerTest {

    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final ProcessOrderHandler handler = new ProcessOrderHandler(new Handlers("wf-process-order").context, dynamo);

    static Map<String, AttributeValue> storedOrder(String workflowId) {
        AttributeValue line = AttributeValue.builder().m(Map.of("itemId", s("ITEM-001"), "quantity", n("2"),
                "price", n("29.99"))).build();
        return Map.of("orderId", s("ORD-001"), "status", s("CREATED"), "customerId", s("CUST-001"),
                "lines", AttributeValue.builder().l(List.of(line)).build(), "total", n("59.98"),
                "workflowId", s(workflowId));
    }

    @Test
    void theStoredOrderIsMarkedForThisWorkflowAndReturnedWithMoneyAsStrings() throws Exception {
        dynamo.getItem = r -> GetItemResponse.builder().item(storedOrder("WF-001")).build();
        dynamo.updateItem = r -> UpdateItemResponse.builder().attributes(storedOrder("WF-001")).build();

        JsonNode result = Tasks.invoke(handler, Examples.event("workflow-triggered"));

        UpdateItemRequest mark = dynamo.requests(UpdateItemRequest.class).get(0);
        assertThat(mark.conditionExpression()).isEqualTo("attribute_not_exists(workflowId) OR workflowId = :workflowId");
        assertThat(mark.expressionAttributeValues().get(":workflowId").s()).isEqualTo("WF-001");
        assertThat(result.path("total").isTextual()).isTrue();
        assertThat(result.path("total").asText()).isEqualTo("59.98");
        assertThat(result.at("/lines/0/price").asText()).isEqualTo("29.99");
    }

    @Test
    void anUnknownOrderIsCreatedFromTheEventsItems() throws Exception {
        dynamo.updateItem = r -> UpdateItemResponse.builder().attributes(storedOrder("WF-001")).build();
        ObjectNode event = Examples.variant("workflow-triggered", e -> detail(e).putArray("items").addObject()
                .put("item_id", "ITEM-001").put("quantity", 2).put("price", new java.math.BigDecimal("29.99")));

        Tasks.invoke(handler, event);

        UpdateItemRequest mark = dynamo.requests(UpdateItemRequest.class).get(0);
        assertThat(mark.updateExpression()).contains("#lines = if_not_exists(#lines, :lines)");
        assertThat(mark.expressionAttributeValues().get(":total").n()).isEqualTo("59.98");
    }

    @Test
    void anUnknownOrderWithoutItemsFailsTheTask() {
        assertThatThrownBy(() -> Tasks.invoke(handler, Examples.event("workflow-triggered")))
                .isInstanceOf(OrderNotFoundException.class)
                .hasMessageContaining("ORD-001");
    }

    @Test
    void anOrderOfAnotherWorkflowIsRefused() {
        dynamo.getItem = r -> GetItemResponse.builder().item(storedOrder("WF-000")).build();
        dynamo.updateItem = r -> {
            throw ScriptedDynamo.conditionFailed(Map.of());
        };

        assertThatThrownBy(() -> Tasks.invoke(handler, Examples.event("workflow-triggered")))
                .isInstanceOf(OrderInOtherWorkflowException.class)
                .hasMessageContaining("WF-000");
    }
}
