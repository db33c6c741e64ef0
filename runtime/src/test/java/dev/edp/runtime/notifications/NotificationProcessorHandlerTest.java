package dev.edp.runtime.notifications;

import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.RecordingSns;
import dev.edp.runtime.testing.ScriptedDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.RecordingSns.attribute;
import static dev.edp.runtime.testing.RecordingSns.body;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationProcessorHandlerTest {

    private final Handlers handlers = new Handlers("notification-processor");
    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final RecordingSns sns = new RecordingSns();
    private final NotificationProcessorHandler handler = new NotificationProcessorHandler(handlers.context, dynamo, sns);

    @Test
    void theNotificationIsPublishedWithKindSourceAndSeverityAttributes() {
        handler.handleRequest(Handlers.batch(Examples.variant("notification-sent",
                e -> detail(e).put("severity", "warning").put("kind", "Shipping Update"))), null);

        PublishRequest published = sns.only();
        assertThat(published.topicArn()).isEqualTo(Handlers.TOPIC);
        assertThat(attribute(published, "kind")).isEqualTo("shipping-update");
        assertThat(attribute(published, "source")).isEqualTo("notifications");
        assertThat(attribute(published, "severity")).isEqualTo("warning");
        assertThat(published.subject()).isEqualTo("Order ORD-001 shipped");
        assertThat(body(published).path("message").asText()).isEqualTo("Your order ORD-001 is on its way.");
        assertThat(body(published).path("notificationId").asText()).isEqualTo("NOTE-001");
    }

    @Test
    void kindAndSeverityDefaultToNotificationAndInfo() {
        handler.handleRequest(Handlers.batch(Examples.variant("notification-sent", e -> detail(e).remove("severity"))), null);

        assertThat(attribute(sns.only(), "kind")).isEqualTo("notification");
        assertThat(attribute(sns.only(), "severity")).isEqualTo("info");
    }

    @Test
    void aNotificationAlreadyPublishedIsNotPublishedAgain() {
        dynamo.putItem = r -> {
            throw ScriptedDynamo.conditionFailed(Map.of("status", s("COMPLETED")));
        };

        handler.handleRequest(Handlers.batch(Examples.event("notification-sent")), null);

        assertThat(sns.published).isEmpty();
    }

    @Test
    void kindsAreNormalisedToTheAttributeForm() {
        assertThat(NotificationRequest.kind(" Order Shipped! ").attribute()).isEqualTo("order-shipped");
        assertThat(NotificationRequest.kind("***").attribute()).isEqualTo("notification");
    }
}
