package dev.edp.runtime.inventory;

import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notification.Kind;
import dev.edp.runtime.common.Notification.Severity;

import java.util.LinkedHashMap;
import java.util.Map;

/** A stock change the table refused, told to subscribers: kind {@code reservation-rejected} or {@code release-rejected}. */
final class InventoryNotifications {

    static final String SOURCE = "inventory";

    private InventoryNotifications() {
    }

    static Notification rejected(InventoryUpdate update, String eventId, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("itemId", update.itemId());
        details.put("action", update.action().word());
        details.put("quantity", update.quantity());
        details.put("orderId", update.orderId().orElse(null));
        details.put("eventId", eventId);
        details.put("reason", reason);
        return new Notification(kind(update.action()), SOURCE, Severity.WARNING,
                "Inventory " + update.action().word() + " of " + update.quantity() + " x " + update.itemId() + " rejected",
                details);
    }

    static Kind kind(InventoryUpdate.Action action) {
        return switch (action) {
            case RESERVE -> Kind.of("reservation-rejected");
            case RELEASE -> Kind.of("release-rejected");
            case RESTOCK -> Kind.of("restock-rejected");
        };
    }
}
