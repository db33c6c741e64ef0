package dev.edp.cli.local.run.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.Notifications.Notification;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.reference.SeedConsumers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Seed 003's order: "Order Created" then "Order Completed" put on the bus, routed by the order-processor rule to its
 * queue, processed by the real handler: the order item ends {@code COMPLETED} with its total, and subscribers get
 * {@code order-created} and {@code order-completed}.
 */
public final class OrdersScenario implements Scenario {

    static final String ORDER = "ORD-LOCAL-1";

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public String description() {
        return "order created and completed (seed 003)";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        return context.missingHandlers(List.of(RuntimeHandlers.ORDER_PROCESSOR));
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        DomainProbe probe = new DomainProbe(context);
        String consumer = SeedConsumers.ORDER_PROCESSOR;

        context.trace().note("order " + ORDER + ": created (2 × ITEM-001 at 29.99)");
        ObjectNode created = DomainProbe.detail().put("order_id", ORDER).put("customer_id", "CUST-001");
        created.putArray("items").addObject().put("item_id", "ITEM-001").put("quantity", 2).put("price", 29.99);
        created.put("total", 59.98);
        String createdId = probe.put("orders", "Order Created", created);
        boolean createdOk = probe.processed(createdId, consumer);
        Optional<Notification> createdNote = notification(context, createdId, "order-created");

        context.trace().note("order " + ORDER + ": completed");
        String completedId = probe.put("orders", "Order Completed", DomainProbe.detail().put("order_id", ORDER));
        boolean completedOk = probe.processed(completedId, consumer);
        Optional<Notification> completedNote = notification(context, completedId, "order-completed");

        var order = probe.item("ORDER#" + ORDER, "ORDER");
        String status = DomainProbe.text(order, "status");
        String total = DomainProbe.text(order, "total");
        return ScenarioResult.ran(name(), List.of(
                Check.of("order-processor processed both events", createdOk && completedOk,
                        "Order Created: " + (createdOk ? "ok" : "not processed") + ", Order Completed: "
                                + (completedOk ? "ok" : "not processed")),
                Check.of("the order item is COMPLETED with its total", "COMPLETED".equals(status)
                                && !total.isEmpty() && new BigDecimal(total).compareTo(new BigDecimal("59.98")) == 0,
                        "ORDER#" + ORDER + ": status " + status + ", total " + total),
                Check.of("order-created and order-completed notified", createdNote.isPresent() && completedNote.isPresent(),
                        "order-created " + (createdNote.isPresent() ? "seen" : "missing") + ", order-completed "
                                + (completedNote.isPresent() ? "seen" : "missing")),
                Check.of("nothing in the order-processor DLQ", probe.notDeadLettered(consumer, List.of(createdId, completedId)),
                        "its DLQ holds neither event")));
    }

    /** Waits for the order's notification of a kind and puts it on the event's trace. */
    static Optional<Notification> notification(ScenarioContext context, String eventId, String kind) {
        Optional<Notification> found = context.notifications().await(n -> kind.equals(n.kind())
                && ORDER.equals(n.body().path("orderId").asText()), context.timeout());
        found.ifPresent(n -> context.trace().hop(eventId, n.publishedAt(), "SNS notifications: " + kind));
        return found;
    }
}
