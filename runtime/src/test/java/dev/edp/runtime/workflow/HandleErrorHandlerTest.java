package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.RecordingSns;
import dev.edp.runtime.testing.ScriptedDynamo;
import dev.edp.runtime.testing.Tasks;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.RecordingSns.attribute;
import static dev.edp.runtime.testing.RecordingSns.body;
import static dev.edp.runtime.testing.ScriptedDynamo.n;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

class HandleErrorHandlerTest {

    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final RecordingSns sns = new RecordingSns();
    private final HandleErrorHandler handler = new HandleErrorHandler(new Handlers("wf-handle-error").context, dynamo, sns);

    private static ObjectNode failed(String error, String cause) {
        ObjectNode state = Examples.event("workflow-triggered");
        state.putObject("error").put("Error", error).put("Cause", cause);
        return state;
    }

    @Test
    void aTaskFailureIsRecordedAndAnnouncedWithLambdasErrorMessage() throws Exception {
        String cause = "{\"errorMessage\":\"order ORD-001 cannot be reserved: ITEM-001 needs 2, 1 available\","
                + "\"errorType\":\"dev.edp.runtime.inventory.InsufficientStockException\",\"stackTrace\":[]}";

        JsonNode result = Tasks.invoke(handler, failed("dev.edp.runtime.inventory.InsufficientStockException", cause));

        PutItemRequest record = dynamo.requests(PutItemRequest.class).get(0);
        assertThat(record.item().get("pk").s()).isEqualTo("WORKFLOW#WF-001");
        assertThat(record.item().get("sk").s()).isEqualTo("FAILURE");
        assertThat(record.item().get("orderId").s()).isEqualTo("ORD-001");
        assertThat(record.item()).containsKey("expiresAt");
        assertThat(attribute(sns.only(), "kind")).isEqualTo("workflow-failed");
        assertThat(attribute(sns.only(), "severity")).isEqualTo("error");
        assertThat(body(sns.only()).path("reason").asText()).isEqualTo("order ORD-001 cannot be reserved: ITEM-001 needs 2, 1 available");
        assertThat(result.path("recorded").asBoolean()).isTrue();
    }

    @Test
    void anApprovalTimeoutIsAWarningOfItsOwnKind() throws Exception {
        Tasks.invoke(handler, failed("States.Timeout", ""));

        assertThat(attribute(sns.only(), "kind")).isEqualTo("approval-timed-out");
        assertThat(attribute(sns.only(), "severity")).isEqualTo("warning");
        assertThat(attribute(sns.only(), "source")).isEqualTo("workflow");
    }

    @Test
    void withoutAWorkflowIdNothingIsRecordedButTheFailureIsAnnounced() throws Exception {
        ObjectNode state = failed("InvalidInput", "detail.workflow_id and detail.order_id are required");
        detail(state).remove("workflow_id");

        JsonNode result = Tasks.invoke(handler, state);

        assertThat(dynamo.requests).isEmpty();
        assertThat(body(sns.only()).path("reason").asText()).contains("are required");
        assertThat(result.path("recorded").asBoolean()).isFalse();
    }

    @Test
    void aHugeCauseIsTruncatedSoTheRecordFitsAnItem() throws Exception {
        Tasks.invoke(handler, failed("Boom", "x".repeat(100_000)));

        assertThat(dynamo.requests(PutItemRequest.class).get(0).item().get("cause").s())
                .hasSize(HandleErrorHandler.MAX_CAUSE + 3);
    }

    /** A failure after ReserveInventory: the state still holds the event's items (ITEM-001 x 2). */
    private static ObjectNode failedAfterReserving() {
        ObjectNode state = failed("EventBridge.ResourceNotFoundException", "Event bus edp-dev-bus does not exist.");
        detail(state).putArray("items").addObject().put("item_id", "ITEM-001").put("quantity", 2)
                .put("price", new BigDecimal("29.99"));
        return state;
    }

    /** The reservation items DynamoDB answers, one list per BatchGetItem call (the last one repeats). */
    @SafeVarargs
    private void reservations(List<Map<String, AttributeValue>>... answers) {
        Deque<List<Map<String, AttributeValue>>> queue = new ArrayDeque<>(List.of(answers));
        dynamo.batchGetItem = r -> BatchGetItemResponse.builder().responses(Map.of(Handlers.TABLE,
                queue.size() > 1 ? queue.poll() : queue.peek())).build();
    }

    private static Map<String, AttributeValue> reservation(String workflowId, int quantity) {
        return Map.of("itemId", s("ITEM-001"), "orderId", s("ORD-001"), "workflowId", s(workflowId),
                "quantity", n(Integer.toString(quantity)));
    }

    @Test
    void aFailureAfterTheReservationReleasesItInOneConditionalTransactionAndReportsIt() throws Exception {
        reservations(List.of(reservation("WF-001", 2)));

        JsonNode result = Tasks.invoke(handler, failedAfterReserving());

        List<TransactWriteItem> writes = dynamo.requests(TransactWriteItemsRequest.class).get(0).transactItems();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0).update().key().get("sk").s()).isEqualTo("RESERVATION#ORD-001");
        assertThat(writes.get(0).update().conditionExpression())
                .isEqualTo("workflowId = :wf AND quantity = :q AND attribute_not_exists(compensatedAt)");
        assertThat(writes.get(0).update().expressionAttributeValues().get(":q").n()).isEqualTo("2");
        assertThat(writes.get(0).update().expressionAttributeValues().get(":wf").s()).isEqualTo("WF-001");
        assertThat(writes.get(1).update().key().get("sk").s()).isEqualTo("STOCK");
        assertThat(writes.get(1).update().updateExpression()).startsWith("SET available = available + :q, reserved = reserved - :q");
        assertThat(writes.get(1).update().conditionExpression()).isEqualTo("reserved >= :q");
        assertThat(result.at("/released/ITEM-001").asInt()).isEqualTo(2);
        assertThat(result.path("already_released").asBoolean()).isFalse();
        assertThat(body(sns.only()).at("/released/ITEM-001").asInt()).isEqualTo(2);
        assertThat(dynamo.requests(PutItemRequest.class).get(0).item().get("released").m().get("ITEM-001").n())
                .isEqualTo("2");
    }

    @Test
    void aRetriedHandleErrorFindsTheReservationReleasedChangesNothingAndReportsTheSame() throws Exception {
        Map<String, AttributeValue> released = new java.util.HashMap<>(reservation("WF-001", 0));
        released.put("compensatedAt", s("2024-01-15T10:30:00Z"));
        released.put("compensatedQuantity", n("2"));
        reservations(List.of(released));

        JsonNode result = Tasks.invoke(handler, failedAfterReserving());

        assertThat(dynamo.requests(TransactWriteItemsRequest.class)).isEmpty();
        assertThat(result.at("/released/ITEM-001").asInt()).isEqualTo(2);
        assertThat(result.path("already_released").asBoolean()).isTrue();
    }

    @Test
    void anotherWorkflowsReservationOfTheOrderIsLeftAlone() throws Exception {
        reservations(List.of(reservation("WF-OWNER", 2)));

        JsonNode result = Tasks.invoke(handler, failedAfterReserving());

        assertThat(dynamo.requests(TransactWriteItemsRequest.class)).isEmpty();
        assertThat(result.path("released").isEmpty()).isTrue();
    }

    @Test
    void aReleaseEventCommittedBetweenTheReadAndTheTransactionCancelsItAndTheNextRoundReleasesTheRest()
            throws Exception {
        reservations(List.of(reservation("WF-001", 2)), List.of(reservation("WF-001", 1)));
        Deque<RuntimeException> answers = new ArrayDeque<>(List.of(
                ScriptedDynamo.cancelled("ConditionalCheckFailed", "None")));
        dynamo.transactWriteItems = r -> {
            if (!answers.isEmpty()) {
                throw answers.poll();
            }
            return TransactWriteItemsResponse.builder().build();
        };

        JsonNode result = Tasks.invoke(handler, failedAfterReserving());

        List<TransactWriteItemsRequest> rounds = dynamo.requests(TransactWriteItemsRequest.class);
        assertThat(rounds).hasSize(2);
        assertThat(rounds.get(1).transactItems().get(0).update().expressionAttributeValues().get(":q").n())
                .as("only what the event left").isEqualTo("1");
        assertThat(result.at("/released/ITEM-001").asInt()).isEqualTo(1);
    }

    @Test
    void aReleaseThatFailsIsRecordedAndNotifiedInsteadOfFailingTheTask() throws Exception {
        reservations(List.of(reservation("WF-001", 2)));
        dynamo.transactWriteItems = r -> {
            throw ScriptedDynamo.cancelled("None", "ConditionalCheckFailed"); // fewer reserved than the order holds
        };

        JsonNode result = Tasks.invoke(handler, failedAfterReserving());

        assertThat(result.path("release_error").asText()).contains("ITEM-001", "fewer reserved");
        assertThat(result.path("released").isEmpty()).isTrue();
        assertThat(dynamo.requests(PutItemRequest.class).get(0).item().get("releaseError").s()).contains("ITEM-001");
        assertThat(attribute(sns.only(), "severity")).isEqualTo("error");
        assertThat(body(sns.only()).path("releaseError").asText()).contains("fewer reserved");
    }

    @Test
    void anApprovalTimeoutHappensBeforeAnyReservationAndReleasesNothing() throws Exception {
        JsonNode result = Tasks.invoke(handler, failed("States.Timeout", ""));

        assertThat(dynamo.requests(TransactWriteItemsRequest.class)).isEmpty();
        assertThat(result.path("released").isEmpty()).isTrue();
        assertThat(attribute(sns.only(), "kind")).isEqualTo("approval-timed-out");
    }
}
