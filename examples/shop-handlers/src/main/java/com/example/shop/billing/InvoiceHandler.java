package com.example.shop.billing;

import com.example.shop.handlers.OrderRecords;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Map;

/** "Order Paid" → an invoice in the shop's currency ({@code SHOP_CURRENCY}); an order without a positive amount is refused. */
public final class InvoiceHandler extends OrderRecords {

    private final String currency;

    /** Lambda's constructor: the function's environment. */
    public InvoiceHandler() {
        this(System.getenv());
    }

    /** The function's environment given (EDP's sandbox and tests). */
    public InvoiceHandler(Map<String, String> environment) {
        this.currency = environment.getOrDefault("SHOP_CURRENCY", "EUR");
    }

    @Override
    protected String handle(JsonNode detail) {
        String order = detail.path("order_id").asText("");
        if (order.isEmpty()) {
            throw new IllegalArgumentException("detail.order_id is missing");
        }
        BigDecimal amount = detail.path("amount").isNumber() ? detail.path("amount").decimalValue() : null;
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("order " + order + ": amount must be a positive number, got "
                    + detail.path("amount"));
        }
        return "invoice for order " + order + ": " + amount.toPlainString() + " " + currency;
    }
}
