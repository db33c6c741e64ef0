package dev.edp.runtime.inventory;

import dev.edp.runtime.events.EventEnvelope;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * "Inventory Updated" (seed 003): {@code restock} adds to the available stock, {@code reserve} moves stock from
 * available to reserved (for {@code order_id} when given), {@code release} moves it back.
 */
public record InventoryUpdate(String itemId, int quantity, Action action, Optional<String> orderId, Instant timestamp) {

    public static final String DETAIL_TYPE = "Inventory Updated";

    /** What the event does to the stock. */
    public enum Action {
        RESTOCK, RESERVE, RELEASE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static InventoryUpdate from(EventEnvelope event) {
        return new InventoryUpdate(event.text("item_id"), event.detail().path("quantity").intValue(),
                Action.valueOf(event.text("action").toUpperCase(Locale.ROOT)), event.optionalText("order_id"),
                Instant.parse(event.text("timestamp")));
    }
}
