package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.events.InvalidEventException;
import dev.edp.runtime.inventory.Stock;
import dev.edp.runtime.orders.Orders;

import java.util.Map;
import java.util.Optional;

/**
 * HandleError's compensating action, the saga's undo of ReserveInventory: releases what the failed workflow reserved
 * for its order ({@link Stock#releaseForOrder}), over the order's items as ReserveInventory found them
 * ({@link WorkflowInput#orderLines}). Reservations are recorded with their workflow, so a workflow that failed
 * because another one owns the order never releases that one's stock.
 */
final class Compensation {

    /**
     * @param released        per item, what the compensation moved back to {@code available} (this call or an earlier)
     * @param alreadyReleased an earlier HandleError (a retry) had released all of it
     * @param error           why the release failed; the reservations it did not release stay as they were
     */
    record Outcome(Map<String, Integer> released, boolean alreadyReleased, Optional<RuntimeException> error) {
        static final Outcome NOTHING = new Outcome(Map.of(), false, Optional.empty());
    }

    private final Orders orders;
    private final Stock stock;

    Compensation(Orders orders, Stock stock) {
        this.orders = orders;
        this.stock = stock;
    }

    /** Releases the failed workflow's reservations; never throws, a failure is in the outcome. */
    Outcome run(JsonNode state, WorkflowFailure failure) {
        if (failure.workflowId().isEmpty() || failure.orderId().isEmpty()) {
            return Outcome.NOTHING; // CheckInput refused the input before any task ran
        }
        WorkflowInput in;
        try {
            in = WorkflowInput.of(state);
        } catch (InvalidEventException | InvalidWorkflowInputException unreadable) {
            // ReserveInventory reads the input the same way: it failed there, before reserving anything.
            return Outcome.NOTHING;
        }
        try {
            var items = WorkflowInput.quantities(in.orderLines(orders)).keySet();
            Stock.Release release = stock.releaseForOrder(in.orderId(), in.workflowId(), items);
            return new Outcome(release.quantities(), release.alreadyReleased(), Optional.empty());
        } catch (RuntimeException e) {
            return new Outcome(Map.of(), false, Optional.of(e));
        }
    }
}
