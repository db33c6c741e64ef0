package dev.edp.runtime.orders;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders in the single table ({@code pk = ORDER#<order_id>}, {@code sk = ORDER}). Every change is one
 * conditional {@code UpdateItem}, which makes each event's effect happen once whatever the delivery order:
 * <ul>
 *   <li>"Created" sets what it knows unless {@code createdAt} is already set, and the status only if there is
 *       none yet (so a "Completed" that came first stays);</li>
 *   <li>"Completed" sets the status and {@code completedAt} unless {@code completedAt} is already set, creating the
 *       item if its "Created" has not arrived: it is kept, not lost.</li>
 * </ul>
 */
public final class Orders {

    /** Whether an event changed the order. */
    public enum Applied { APPLIED, ALREADY_APPLIED }

    private static final Map<String, String> NAMES = Map.of("#status", "status", "#lines", "lines", "#total", "total");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public Orders(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Applies "Order Created". */
    public Applied create(OrderCreated created, String eventId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":orderId", s(created.orderId()));
        values.put(":customerId", s(created.customerId()));
        values.put(":lines", lines(created.lines()));
        values.put(":total", n(created.total()));
        values.put(":createdAt", s(created.timestamp().toString()));
        values.put(":eventId", s(eventId));
        values.put(":created", s(Order.Status.CREATED.name()));
        values.put(":now", s(clock.instant().toString()));
        return update(created.orderId(),
                "SET orderId = :orderId, customerId = :customerId, #lines = :lines, #total = :total,"
                        + " createdAt = :createdAt, createdEventId = :eventId,"
                        + " #status = if_not_exists(#status, :created), updatedAt = :now",
                "attribute_not_exists(createdAt)", values);
    }

    /** Applies "Order Completed". */
    public Applied complete(OrderCompleted completed, String eventId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":orderId", s(completed.orderId()));
        values.put(":completed", s(Order.Status.COMPLETED.name()));
        values.put(":completedAt", s(completed.timestamp().toString()));
        values.put(":eventId", s(eventId));
        values.put(":now", s(clock.instant().toString()));
        return update(completed.orderId(),
                "SET orderId = :orderId, #status = :completed, completedAt = :completedAt,"
                        + " completedEventId = :eventId, updatedAt = :now",
                "attribute_not_exists(completedAt)", values);
    }

    /** The order as stored now (a strongly consistent read). */
    public Optional<Order> find(String orderId) {
        var response = dynamo.getItem(b -> b.tableName(table).key(OrderKeys.of(orderId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(order(response.item())) : Optional.empty();
    }

    /**
     * Marks the order as processed by a workflow; an order unknown to the table is created from {@code lines} (the
     * lines a "Workflow Triggered" event carries). Repeating it for the same workflow changes nothing, so the
     * state machine may retry the task.
     *
     * @throws OrderNotFoundException      no such order and no lines to create it from
     * @throws OrderInOtherWorkflowException another workflow already processed the order
     */
    public Order startProcessing(String orderId, String workflowId, List<OrderLine> lines) {
        Optional<Order> stored = find(orderId);
        if (stored.isEmpty() && lines.isEmpty()) {
            throw new OrderNotFoundException("order " + orderId + " is not in the table and the workflow's event"
                    + " carries no detail.items to process");
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":orderId", s(orderId));
        values.put(":workflowId", s(workflowId));
        values.put(":now", s(clock.instant().toString()));
        StringBuilder set = new StringBuilder("SET orderId = :orderId, workflowId = :workflowId,"
                + " processedAt = if_not_exists(processedAt, :now), updatedAt = :now");
        if (!lines.isEmpty()) {
            values.put(":lines", lines(lines));
            values.put(":total", n(OrderLine.total(lines)));
            values.put(":created", s(Order.Status.CREATED.name()));
            set.append(", #lines = if_not_exists(#lines, :lines), #total = if_not_exists(#total, :total),"
                    + " #status = if_not_exists(#status, :created)");
        }
        try {
            var response = dynamo.updateItem(b -> b.tableName(table).key(OrderKeys.of(orderId))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_not_exists(workflowId) OR workflowId = :workflowId")
                    .expressionAttributeNames(lines.isEmpty() ? null : NAMES)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            return order(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new OrderInOtherWorkflowException("order " + orderId + " is already processed by workflow "
                    + find(orderId).flatMap(Order::workflowId).orElse("?") + ", not " + workflowId);
        }
    }

    private Applied update(String orderId, String set, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(OrderKeys.of(orderId))
                    .updateExpression(set)
                    .conditionExpression(condition)
                    .expressionAttributeNames(usedNames(set))
                    .expressionAttributeValues(values));
            return Applied.APPLIED;
        } catch (ConditionalCheckFailedException alreadyApplied) {
            return Applied.ALREADY_APPLIED;
        }
    }

    /** DynamoDB refuses names an expression does not use. */
    private static Map<String, String> usedNames(String expression) {
        Map<String, String> used = new HashMap<>();
        NAMES.forEach((alias, name) -> {
            if (expression.contains(alias)) {
                used.put(alias, name);
            }
        });
        return used;
    }

    private static Order order(Map<String, AttributeValue> item) {
        List<OrderLine> lines = item.containsKey("lines")
                ? item.get("lines").l().stream().map(OrderLine::fromItem).toList() : List.of();
        return new Order(item.get("orderId").s(), Order.Status.valueOf(item.get("status").s()),
                text(item, "customerId"), lines,
                Optional.ofNullable(item.get("total")).map(v -> new BigDecimal(v.n())),
                text(item, "createdAt").map(Instant::parse), text(item, "completedAt").map(Instant::parse),
                text(item, "workflowId"));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    private static AttributeValue lines(List<OrderLine> lines) {
        return AttributeValue.builder().l(lines.stream().map(OrderLine::toItem).toList()).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(BigDecimal value) {
        return AttributeValue.builder().n(value.toPlainString()).build();
    }
}
