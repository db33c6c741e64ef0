package dev.edp.runtime.inventory;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The inventory items' keys in the single table, all in the item's partition {@code pk = ITEM#<item_id>}:
 * {@code sk = STOCK} (the levels), {@code sk = RESERVATION#<order_id>} (what an order holds),
 * {@code sk = EVENT#<event id>} (an applied or rejected "Inventory Updated", with a TTL).
 */
final class StockKeys {

    private StockKeys() {
    }

    static Map<String, AttributeValue> stock(String itemId) {
        return key(itemId, "STOCK");
    }

    static Map<String, AttributeValue> reservation(String itemId, String orderId) {
        return key(itemId, "RESERVATION#" + orderId);
    }

    static Map<String, AttributeValue> event(String itemId, String eventId) {
        return key(itemId, "EVENT#" + eventId);
    }

    private static Map<String, AttributeValue> key(String itemId, String sk) {
        return Map.of("pk", AttributeValue.builder().s("ITEM#" + itemId).build(), "sk", AttributeValue.builder().s(sk).build());
    }
}
