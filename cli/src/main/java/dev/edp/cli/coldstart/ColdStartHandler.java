package dev.edp.cli.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.events.EventSchemas;

import java.util.Locale;
import java.util.UUID;

/**
 * The handlers of the reference application that {@link ColdStartCommand} times, in the order one run invokes them:
 * each run's inputs belong to one order of its own (its item restocked, the order created, its workflow validated,
 * reserved, processed, then failed and compensated), so every invocation does the first-time work a real one does
 * (writes, transactions, notifications), never a redelivery's shortcut. The inputs are the seed example events of
 * edp-events with the run's ids.
 */
enum ColdStartHandler {

    INVENTORY("inventory-processor", "dev.edp.runtime.inventory.InventoryProcessorHandler", "Inventory Updated"),
    ORDER("order-processor", "dev.edp.runtime.orders.OrderProcessorHandler", "Order Created"),
    NOTIFICATION("notification-processor", "dev.edp.runtime.notifications.NotificationProcessorHandler", "Notification Sent"),
    APPROVAL("approval-processor", "dev.edp.runtime.workflow.ApprovalDecisionHandler", "Approval Decided"),
    VALIDATE("wf-validate", "dev.edp.runtime.workflow.ValidateInputHandler", null),
    RESERVE("wf-reserve-inventory", "dev.edp.runtime.workflow.ReserveInventoryHandler", null),
    PROCESS("wf-process-order", "dev.edp.runtime.workflow.ProcessOrderHandler", null),
    HANDLE_ERROR("wf-handle-error", "dev.edp.runtime.workflow.HandleErrorHandler", null),
    CUR("cur-ingest", "dev.edp.runtime.cur.CurIngestHandler", null);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventSchemas EXAMPLES = EventSchemas.fromClasspath();

    final String function;
    final String className;
    /** The detail-type of the consumer's SQS batch; null for a workflow task (a stream handler) and CUR (its own). */
    private final String detailType;

    ColdStartHandler(String function, String className, String detailType) {
        this.function = function;
        this.className = className;
        this.detailType = detailType;
    }

    /** Whether Lambda hands it an SQS batch ({@code sqs}) or a workflow task's state ({@code stream}). */
    String kind() {
        return detailType != null || this == CUR ? "sqs" : "stream";
    }

    static ColdStartHandler named(String function) {
        for (ColdStartHandler handler : values()) {
            if (handler.function.equals(function) || handler.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(function)) {
                return handler;
            }
        }
        throw new IllegalArgumentException("no handler '" + function + "'; one of: "
                + java.util.Arrays.stream(values()).map(h -> h.function).toList());
    }

    /** The input of run {@code id} (not CUR's, which needs an upload: {@link ColdStartCommand}). */
    String input(String id) {
        if (detailType != null) {
            ObjectNode event = example(detailType, id);
            return sqsBatch(event.toString());
        }
        ObjectNode state = example("Workflow Triggered", id);
        if (this == HANDLE_ERROR) {
            state.putObject("error").put("Error", "States.TaskFailed").put("Cause",
                    "{\"errorMessage\":\"cold start run " + id + ": a later step failed\",\"errorType\":\"java.lang.IllegalStateException\"}");
        }
        return state.toString();
    }

    /** An SQS batch of one record whose body is {@code body}, as the event source mapping hands it over. */
    static String sqsBatch(String body) {
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("Records").addObject().put("messageId", UUID.randomUUID().toString()).put("body", body);
        return batch.toString();
    }

    /** The seed example with the run's ids: event, order, item, workflow, notification. */
    private static ObjectNode example(String detailType, String id) {
        JsonNode example = EXAMPLES.exampleJson(detailType)
                .orElseThrow(() -> new IllegalStateException("no example event for '" + detailType + "' in edp-events"));
        ObjectNode event = example.deepCopy();
        event.put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.get("detail");
        if (detail.has("order_id")) {
            detail.put("order_id", "ORD-" + id);
        }
        if (detail.has("item_id")) {
            detail.put("item_id", "ITEM-" + id);
        }
        if (detail.has("workflow_id")) {
            detail.put("workflow_id", "WF-" + id);
        }
        if (detail.has("notification_id")) {
            detail.put("notification_id", "NOTE-" + id);
        }
        if (detail.has("items")) {
            detail.withArray("items").forEach(line -> ((ObjectNode) line).put("item_id", "ITEM-" + id));
        }
        return event;
    }
}
