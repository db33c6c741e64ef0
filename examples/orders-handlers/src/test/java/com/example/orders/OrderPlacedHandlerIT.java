package com.example.orders;

import dev.edp.testing.MotoServer;
import dev.edp.testing.handlers.SqsHandlerKit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders handler as its queue runs it, with EDP's handler test kit (edp-testing): only moto, no Pulumi. A
 * complete order is booked; one without lines is refused on each receive and moved to the DLQ by SQS after the
 * orders consumer's maxReceiveCount (3, the pattern's default in dev).
 */
class OrderPlacedHandlerIT {

    private static final String BOOKED = "{\"source\":\"platform.orders\",\"detail-type\":\"Order Placed\","
            + "\"detail\":{\"order_id\":\"PO-1\",\"items\":[{\"sku\":\"A\",\"quantity\":2,\"price\":9.95}]}}";
    private static final String NO_LINES = "{\"source\":\"platform.orders\",\"detail-type\":\"Order Placed\","
            + "\"detail\":{\"order_id\":\"PO-2\",\"items\":[]}}";

    @Test
    void aCompleteOrderIsBookedAndOneWithoutLinesEndsInTheDlqAfterThreeReceives() {
        try (MotoServer moto = MotoServer.start(); SqsHandlerKit kit = SqsHandlerKit.on(moto, 3).batchSize(10)) {
            kit.send(BOOKED).send(NO_LINES);

            SqsHandlerKit.Outcome outcome = kit.run(new OrderPlacedHandler());

            assertThat(outcome.processed()).containsExactly(BOOKED);
            assertThat(outcome.deadLettered()).containsExactly(NO_LINES);
            assertThat(outcome.batches().stream().filter(b -> !b.failedBodies().isEmpty())).hasSize(3);
        }
    }

    @Test
    void theTotalIsDecimalAndAWrongLineIsNamed() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(OrderPlacedHandler.book(json.readTree(
                "{\"order_id\":\"PO-3\",\"items\":[{\"quantity\":3,\"price\":0.1},{\"quantity\":1,\"price\":0.2}]}")))
                .isEqualTo("booked order PO-3: 2 line(s), total 0.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrderPlacedHandler.book(json.readTree(
                "{\"order_id\":\"PO-4\",\"items\":[{\"quantity\":0,\"price\":1}]}")))
                .hasMessage("order PO-4: detail.items[0].quantity must be a positive whole number, got 0");
    }
}
