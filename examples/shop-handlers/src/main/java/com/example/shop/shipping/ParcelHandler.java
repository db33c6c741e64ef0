package com.example.shop.shipping;

import com.example.shop.handlers.OrderRecords;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** "Order Packed" → a parcel booked for the order (FIFO per order); an order without parcels is refused. */
public final class ParcelHandler extends OrderRecords {

    public ParcelHandler() {
        this(System.getenv());
    }

    public ParcelHandler(Map<String, String> environment) {
    }

    @Override
    protected String handle(JsonNode detail) {
        String order = detail.path("order_id").asText("");
        int parcels = detail.path("parcels").asInt(0);
        if (order.isEmpty() || parcels < 1) {
            throw new IllegalArgumentException("detail.order_id and a positive detail.parcels are required");
        }
        return parcels + " parcel(s) booked for order " + order;
    }
}
