package dev.edp.runtime.orders;

import dev.edp.runtime.events.EventEnvelope;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** "Order Created" (seed 003): who ordered what, and the order's total as the shop computed it. */
public record OrderCreated(String orderId, String customerId, List<OrderLine> lines, BigDecimal total,
                           Instant timestamp) {

    public static final String DETAIL_TYPE = "Order Created";

    public static OrderCreated from(EventEnvelope event) {
        return new OrderCreated(event.text("order_id"), event.text("customer_id"),
                OrderLine.fromJson(event.detail().path("items"), "detail.items"),
                event.detail().path("total").decimalValue(), Instant.parse(event.text("timestamp")));
    }
}
