package dev.edp.runtime.orders;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.RecordingSns;
import dev.edp.runtime.testing.ScriptedDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.RecordingSns.attribute;
import static dev.edp.runtime.testing.RecordingSns.body;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

class OrderProcessorHandlerTest {

    private final Handlers handlers = new Handlers("order-processor");
    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final RecordingSns sns = new RecordingSns();
    private final OrderProcessorHandler handler = new OrderProcessorHandler(handlers.context, dynamo, sns);

    @Test
    void orderCreatedWritesTheOrderOnceWithExactMoneyAndAnnouncesIt() {
        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.event("order-created")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        UpdateItemRequest write = dynamo.requests(UpdateItemRequest.class).get(0);
        assertThat(write.key().get("pk").s()).isEqualTo("ORDER#ORD-001");
        assertThat(write.conditionExpression()).isEqualTo("attribute_not_exists(createdAt)");
        assertThat(write.updateExpression()).contains("#status = if_not_exists(#status, :created)");
        assertThat(write.expressionAttributeValues().get(":total").n()).isEqualTo("59.98");
        assertThat(write.expressionAttributeValues().get(":lines").l().get(0).m().get("price").n()).isEqualTo("29.99");
        PublishRequest published = sns.only();
        assertThat(attribute(published, "kind")).isEqualTo("order-created");
        assertThat(attribute(published, "source")).isEqualTo("orders");
        assertThat(attribute(published, "severity")).isEqualTo("info");
        assertThat(body(published).path("total").asText()).isEqualTo("59.98");
    }

    @Test
    void aRedeliveredOrderCreatedChangesNothingAndIsNotAnnouncedAgain() {
        dynamo.updateItem = r -> {
            if (r.conditionExpression() != null && r.conditionExpression().contains("createdAt")) {
                throw ScriptedDynamo.conditionFailed(Map.of());
            }
            return software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse.builder().build();
        };
        dynamo.putItem = r -> {
            throw ScriptedDynamo.conditionFailed(Map.of("status", s("COMPLETED")));
        };

        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.event("order-created")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sns.published).isEmpty();
        assertThat(handlers.logLines()).anySatisfy(l -> assertThat(l.path("outcome").asText()).isEqualTo("already-created"));
    }

    @Test
    void orderCompletedBeforeItsCreationIsKeptAndSaysSo() {
        dynamo.getItem = r -> GetItemResponse.builder().item(Map.of("orderId", s("ORD-001"), "status", s("COMPLETED"),
                "completedAt", s("2024-01-15T12:00:00Z"))).build();

        handler.handleRequest(Handlers.batch(Examples.event("order-completed")), null);

        UpdateItemRequest write = dynamo.requests(UpdateItemRequest.class).get(0);
        assertThat(write.conditionExpression()).isEqualTo("attribute_not_exists(completedAt)");
        assertThat(write.expressionAttributeValues().get(":completed").s()).isEqualTo("COMPLETED");
        assertThat(attribute(sns.only(), "kind")).isEqualTo("order-completed");
        assertThat(body(sns.only()).path("receivedBeforeCreated").asBoolean()).isTrue();
        assertThat(handlers.logLines()).anySatisfy(l -> assertThat(l.path("outcome").asText()).isEqualTo("completed-before-created"));
    }

    @Test
    void anOrderWithoutCustomerFailsItsRecordAndTouchesNothing() {
        SQSBatchResponse response = handler.handleRequest(Handlers.batch(
                Examples.variant("order-created", e -> detail(e).remove("customer_id"))), null);

        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier()).containsExactly("m1");
        assertThat(dynamo.requests).isEmpty();
        assertThat(sns.published).isEmpty();
    }

    @Test
    void aFailedPublishFailsTheRecordSoTheNotificationIsRetried() {
        SQSBatchResponse response = new OrderProcessorHandler(handlers.context, dynamo,
                new RecordingSns().failing(new IllegalStateException("SNS throttled")))
                .handleRequest(Handlers.batch(Examples.event("order-created")), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(dynamo.requests(software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest.class))
                .as("the notification's claim is released for the retry").hasSize(1);
    }
}
