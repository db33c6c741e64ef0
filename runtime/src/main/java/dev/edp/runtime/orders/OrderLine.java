package dev.edp.runtime.orders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.events.InvalidEventException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of an order: an item, how many, at what unit price.
 *
 * @param price the unit price, exact ({@link BigDecimal}, never {@code double})
 */
public record OrderLine(String itemId, int quantity, BigDecimal price) {

    /** The line's amount: quantity × price. */
    public BigDecimal amount() {
        return price.multiply(BigDecimal.valueOf(quantity));
    }

    /** Lines from an event's {@code items} array (already schema-checked); {@code path} names it in errors. */
    public static List<OrderLine> fromJson(JsonNode items, String path) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode price = item.path("price");
            if (!price.isNumber() || !item.path("quantity").canConvertToInt()) {
                throw new InvalidEventException(path + "[" + i + "] needs a numeric quantity and price");
            }
            lines.add(new OrderLine(item.path("item_id").asText(), item.path("quantity").intValue(), price.decimalValue()));
        }
        return List.copyOf(lines);
    }

    /** The sum of the lines' amounts. */
    public static BigDecimal total(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    AttributeValue toItem() {
        return AttributeValue.builder().m(Map.of(
                "itemId", AttributeValue.builder().s(itemId).build(),
                "quantity", AttributeValue.builder().n(Integer.toString(quantity)).build(),
                "price", AttributeValue.builder().n(price.toPlainString()).build())).build();
    }

    static OrderLine fromItem(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new OrderLine(m.get("itemId").s(), Integer.parseInt(m.get("quantity").n()), new BigDecimal(m.get("price").n()));
    }

    /** For workflow outputs: money as a string, so no JSON reader turns it into a binary float. */
    public Map<String, Object> toJson() {
        return Map.of("item_id", itemId, "quantity", quantity, "price", price.toPlainString());
    }
}
