package dev.edp.runtime.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.testing.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static dev.edp.runtime.testing.Examples.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTest {

    private final EventSchemas schemas = EventSchemas.fromClasspath();

    @ParameterizedTest
    @ValueSource(strings = {"order-created", "order-completed", "inventory-updated", "notification-sent",
            "workflow-triggered", "approval-decided"})
    void everySeedExampleMatchesItsSchema(String example) {
        ObjectNode event = Examples.event(example);

        EventEnvelope envelope = schemas.validate(event);

        assertThat(envelope.detailType()).isEqualTo(event.get("detail-type").asText());
        assertThat(envelope.id()).contains(event.get("id").asText());
        assertThat(envelope.schemaVersion()).isEqualTo(1);
    }

    @Test
    void aVersionTwoEventWithExtraFieldsMatchesTheVersionOneSchema() {
        ObjectNode event = Examples.variant("order-created", e -> {
            detail(e).put("schema_version", "2");
            detail(e).put("channel", "web");
            detail(e).putObject("shipping").put("method", "express");
            e.put("replay-name", "extra envelope fields too");
        });

        EventEnvelope envelope = schemas.validate(event);

        assertThat(envelope.schemaVersion()).isEqualTo(2);
        assertThat(envelope.text("order_id")).isEqualTo("ORD-001");
    }

    @Test
    void decimalsAreReadAsBigDecimalNeverAsDouble() {
        EventEnvelope envelope = schemas.parse(Examples.event("order-created").toString());

        assertThat(envelope.detail().get("total").decimalValue()).isEqualByComparingTo(new BigDecimal("59.98"));
        assertThat(envelope.detail().get("total").isBigDecimal()).isTrue();
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        ObjectNode event = Examples.variant("order-created", e -> detail(e).remove("customer_id"));

        assertThatThrownBy(() -> schemas.validate(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("order-created.json")
                .hasMessageContaining("detail.customer_id");
    }

    @Test
    void aWrongValueIsNamedWithItsPath() {
        ObjectNode event = Examples.variant("order-created",
                e -> ((ObjectNode) detail(e).withArray("items").get(0)).put("quantity", 0));

        assertThatThrownBy(() -> schemas.validate(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("detail.items[0].quantity")
                .hasMessageContaining("1");
    }

    @Test
    void anUnknownActionIsNamed() {
        ObjectNode event = Examples.variant("inventory-updated", e -> detail(e).put("action", "steal"));

        assertThatThrownBy(() -> schemas.validate(event)).hasMessageContaining("detail.action");
    }

    @Test
    void aTimestampThatIsNoDateTimeIsNamed() {
        ObjectNode event = Examples.variant("inventory-updated", e -> detail(e).put("timestamp", "yesterday"));

        assertThatThrownBy(() -> schemas.validate(event)).hasMessageContaining("detail.timestamp");
    }

    @Test
    void aDetailTypeWithoutSchemaIsRefused() {
        ObjectNode event = Examples.variant("order-created", e -> e.put("detail-type", "Order Teleported"));

        assertThatThrownBy(() -> schemas.validate(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("no schema for detail-type 'Order Teleported'");
    }

    @Test
    void textThatIsNotJsonSaysWhere() {
        assertThatThrownBy(() -> schemas.parse("{\"detail-type\": \"Order Created\",\n oops}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void theSchemaFileNameFollowsTheDetailType() {
        assertThat(EventSchemas.fileName("Order Created")).isEqualTo("order-created.json");
        assertThat(EventSchemas.fileName("Workflow Triggered")).isEqualTo("workflow-triggered.json");
    }
}
