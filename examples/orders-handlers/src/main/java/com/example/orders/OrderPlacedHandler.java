package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Books a placed order: the platform's {@code orders} consumer, fed by its SQS queue with one EventBridge
 * "Order Placed" event per record. An order needs an {@code order_id} and at least one line with a positive
 * quantity; its total is the sum of quantity × price, in decimal. A record whose order is refused is reported in
 * {@code batchItemFailures}: the queue delivers it again and, after maxReceiveCount receives, moves it to the
 * consumer's DLQ, where {@code ./edp dlq} lists it. Every outcome is one JSON log line.
 */
public final class OrderPlacedHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            try {
                log("INFO", record.getMessageId(), book(JSON.readTree(record.getBody()).path("detail")));
            } catch (Exception e) {
                log("ERROR", record.getMessageId(), e.getClass().getSimpleName() + ": " + e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** One order: what was booked, or an exception naming the field that is wrong. */
    static String book(JsonNode detail) {
        String order = detail.path("order_id").asText("");
        if (order.isEmpty()) {
            throw new IllegalArgumentException("detail.order_id is missing");
        }
        JsonNode items = detail.path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalArgumentException("order " + order + ": detail.items must list at least one line");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            JsonNode line = items.get(i);
            if (!line.path("quantity").canConvertToInt() || line.path("quantity").intValue() <= 0) {
                throw new IllegalArgumentException("order " + order + ": detail.items[" + i
                        + "].quantity must be a positive whole number, got " + line.path("quantity"));
            }
            if (!line.path("price").isNumber() || line.path("price").decimalValue().signum() < 0) {
                throw new IllegalArgumentException("order " + order + ": detail.items[" + i
                        + "].price must be a number of at least 0, got " + line.path("price"));
            }
            total = total.add(line.path("price").decimalValue().multiply(BigDecimal.valueOf(line.path("quantity").intValue())));
        }
        return "booked order " + order + ": " + items.size() + " line(s), total " + total.toPlainString();
    }

    private static void log(String level, String messageId, String message) {
        System.out.println(JSON.createObjectNode().put("level", level).put("handler", "OrderPlacedHandler")
                .put("messageId", messageId).put("message", message));
    }
}
