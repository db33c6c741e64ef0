package dev.edp.runtime.orders;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** The order item's key in the single table: {@code pk = ORDER#<order_id>}, {@code sk = ORDER}. */
final class OrderKeys {

    static final String SK = "ORDER";

    private OrderKeys() {
    }

    static Map<String, AttributeValue> of(String orderId) {
        return Map.of("pk", AttributeValue.builder().s("ORDER#" + orderId).build(),
                "sk", AttributeValue.builder().s(SK).build());
    }
}
