package com.example.shop.billing;

import dev.edp.testing.MotoServer;
import dev.edp.testing.handlers.SqsHandlerKit;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The billing handler as its queue will run it, with EDP's handler test kit (edp-testing): no Pulumi, no EDP
 * command, only moto. A paid order is invoiced; one without an amount is refused, received again, and moved to the
 * dead-letter queue by SQS after billing's maxReceiveCount (5, as the shop's stack sets it).
 */
class InvoiceHandlerIT {

    private static String orderPaid(String order, String amount) {
        return "{\"source\":\"shop.orders\",\"detail-type\":\"Order Paid\",\"detail\":{\"order_id\":\"" + order + "\""
                + (amount == null ? "" : ",\"amount\":" + amount) + "}}";
    }

    @Test
    void aPaidOrderIsInvoicedAndOneWithoutAnAmountEndsInTheDlqAfterFiveReceives() {
        try (MotoServer moto = MotoServer.start(); SqsHandlerKit kit = SqsHandlerKit.on(moto, 5).batchSize(5)) {
            kit.send(orderPaid("SHOP-1", "42.50")).send(orderPaid("SHOP-2", null));

            SqsHandlerKit.Outcome outcome = kit.run(new InvoiceHandler(Map.of("SHOP_CURRENCY", "EUR")));

            assertThat(outcome.processed()).containsExactly(orderPaid("SHOP-1", "42.50"));
            assertThat(outcome.deadLettered()).containsExactly(orderPaid("SHOP-2", null));
            assertThat(outcome.batches().stream().filter(b -> !b.failedBodies().isEmpty())).hasSize(5);
        }
    }
}
