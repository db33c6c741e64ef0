package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.orders.Order;
import dev.edp.runtime.orders.OrderLine;
import dev.edp.runtime.orders.Orders;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tasks read from the state: the "Workflow Triggered" event's detail (the state machine's input, which
 * every state keeps; results go under other paths).
 *
 * @param lines the event's {@code detail.items}, empty when the order's lines are to come from the table
 */
record WorkflowInput(String workflowId, String orderId, List<OrderLine> lines) {

    static WorkflowInput of(JsonNode state) {
        JsonNode detail = state.path("detail");
        JsonNode items = detail.path("items");
        return new WorkflowInput(required(detail, "workflow_id"), required(detail, "order_id"),
                items.isArray() ? OrderLine.fromJson(items, "detail.items") : List.of());
    }

    /**
     * The order's lines as ReserveInventory reserves them and HandleError releases them: the event's
     * {@code detail.items}, else the stored order's; empty when neither has any.
     */
    List<OrderLine> orderLines(Orders orders) {
        return lines.isEmpty() ? orders.find(orderId).map(Order::lines).orElse(List.of()) : lines;
    }

    /** Quantities per item, lines of one item added up (one transaction writes each item once). */
    static Map<String, Integer> quantities(List<OrderLine> lines) {
        Map<String, Integer> quantities = new LinkedHashMap<>();
        lines.forEach(line -> quantities.merge(line.itemId(), line.quantity(), Integer::sum));
        return quantities;
    }

    private static String required(JsonNode detail, String field) {
        JsonNode value = detail.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidWorkflowInputException("detail." + field + " is missing or not a string");
        }
        return value.asText();
    }
}
