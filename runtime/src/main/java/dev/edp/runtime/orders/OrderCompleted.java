package dev.edp.runtime.orders;

import dev.edp.runtime.events.EventEnvelope;

import java.time.Instant;

/** "Order Completed" (seed 003): the order was fulfilled. */
public record OrderCompleted(String orderId, Instant timestamp) {

    public static final String DETAIL_TYPE = "Order Completed";

    public static OrderCompleted from(EventEnvelope event) {
        return new OrderCompleted(event.text("order_id"), Instant.parse(event.text("timestamp")));
    }
}
