package dev.edp.runtime.orders;

import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notification.Kind;
import dev.edp.runtime.common.Notification.Severity;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the order processor tells subscribers: kind {@code order-created} or {@code order-completed}, source orders. */
final class OrderNotifications {

    static final String SOURCE = "orders";
    static final Kind CREATED = Kind.of("order-created");
    static final Kind COMPLETED = Kind.of("order-completed");

    private OrderNotifications() {
    }

    static Notification created(OrderCreated order) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orderId", order.orderId());
        details.put("customerId", order.customerId());
        details.put("lines", order.lines().stream().map(OrderLine::toJson).toList());
        details.put("total", order.total().toPlainString());
        details.put("createdAt", order.timestamp().toString());
        return new Notification(CREATED, SOURCE, Severity.INFO, "Order " + order.orderId() + " created", details);
    }

    static Notification completed(OrderCompleted order, boolean beforeCreated) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("orderId", order.orderId());
        details.put("completedAt", order.timestamp().toString());
        // Said out loud: the order's lines follow when its "Order Created" arrives.
        details.put("receivedBeforeCreated", beforeCreated);
        return new Notification(COMPLETED, SOURCE, Severity.INFO, "Order " + order.orderId() + " completed", details);
    }
}
