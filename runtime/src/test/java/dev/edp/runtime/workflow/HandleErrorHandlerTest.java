package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.RecordingSns;
import dev.edp.runtime.testing.ScriptedDynamo;
import dev.edp.runtime.testing.Tasks;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.RecordingSns.attribute;
import static dev.edp.runtime.testing.RecordingSns.body;
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
}
