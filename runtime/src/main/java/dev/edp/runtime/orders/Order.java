package dev.edp.runtime.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order as the table holds it. Fields are empty while the event that brings them has not arrived: a
 * "Completed" that overtook its "Created" leaves an order with a status and no lines yet.
 */
public record Order(String orderId, Status status, Optional<String> customerId, List<OrderLine> lines,
                    Optional<BigDecimal> total, Optional<Instant> createdAt, Optional<Instant> completedAt,
                    Optional<String> workflowId) {

    /** Where the order is. An order only moves forward: a late "Created" never turns COMPLETED back. */
    public enum Status { CREATED, COMPLETED }
}
