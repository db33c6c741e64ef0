package dev.edp.runtime.workflow;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.edp.runtime.events.Json;
import dev.edp.runtime.testing.Examples;
import dev.edp.runtime.testing.Handlers;
import dev.edp.runtime.testing.RecordingSfn;
import dev.edp.runtime.testing.RecordingSns;
import dev.edp.runtime.testing.ScriptedDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

import java.util.Map;

import static dev.edp.runtime.testing.Examples.detail;
import static dev.edp.runtime.testing.RecordingSns.attribute;
import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;

class ApprovalDecisionHandlerTest {

    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final RecordingSns sns = new RecordingSns();
    private final RecordingSfn sfn = new RecordingSfn();
    private final ApprovalDecisionHandler handler = new ApprovalDecisionHandler(new Handlers("approval-processor").context,
            sfn, dynamo, sns);

    @Test
    void anApprovalCompletesTheWaitWithTheDecisionAsItsOutput() {
        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.event("approval-decided")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        SendTaskSuccessRequest success = (SendTaskSuccessRequest) sfn.callbacks.get(0);
        assertThat(success.taskToken()).isEqualTo("AAAA-example-task-token");
        assertThat(Json.read(success.output()).path("decision").asText()).isEqualTo("approved");
        assertThat(Json.read(success.output()).path("approver").asText()).isEqualTo("ops@example.com");
        assertThat(sns.published).isEmpty();
    }

    @Test
    void aRejectionFailsTheWaitWithApprovalRejectedAndWhoSaidWhy() {
        handler.handleRequest(Handlers.batch(Examples.variant("approval-decided",
                e -> detail(e).put("decision", "rejected").put("reason", "over budget"))), null);

        SendTaskFailureRequest failure = (SendTaskFailureRequest) sfn.callbacks.get(0);
        assertThat(failure.error()).isEqualTo("ApprovalRejected");
        assertThat(failure.cause()).isEqualTo("Rejected by ops@example.com: over budget");
    }

    @Test
    void aDecisionTheWorkflowNoLongerWaitsForIsAnnouncedNotRetried() {
        sfn.refuse(TaskTimedOutException.builder().message("Task Timed Out").build());

        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.event("approval-decided")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(attribute(sns.only(), "kind")).isEqualTo("approval-not-applied");
        assertThat(attribute(sns.only(), "severity")).isEqualTo("warning");
    }

    @Test
    void aRedeliveredDecisionIsNotSentAgain() {
        dynamo.putItem = r -> {
            throw ScriptedDynamo.conditionFailed(Map.of("status", s("COMPLETED")));
        };

        handler.handleRequest(Handlers.batch(Examples.event("approval-decided")), null);

        assertThat(sfn.callbacks).isEmpty();
        assertThat(sns.published).isEmpty();
    }

    @Test
    void aDecisionWithoutTokenFailsItsRecord() {
        SQSBatchResponse response = handler.handleRequest(Handlers.batch(Examples.variant("approval-decided",
                e -> detail(e).remove("task_token"))), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(sfn.callbacks).isEmpty();
    }
}
