package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.events.Json;

import java.util.Optional;

/**
 * A failure as the state machine hands it to HandleError: the Catch's {@code $.error} ({@code Error}, {@code Cause})
 * and whatever of the input identifies the workflow. A Lambda task's cause is Lambda's error JSON; its
 * {@code errorMessage} is what people read.
 */
record WorkflowFailure(Optional<String> workflowId, Optional<String> orderId, String error, String cause) {

    /** What the definition's Fail states and Catch clauses call the approval wait's timeout. */
    static final String TIMEOUT = "States.Timeout";
    static final String REJECTED = "ApprovalRejected";

    static WorkflowFailure of(JsonNode state) {
        JsonNode detail = state.path("detail");
        JsonNode error = state.path("error");
        return new WorkflowFailure(text(detail, "workflow_id"), text(detail, "order_id"),
                text(error, "Error").orElse("Unknown"), text(error, "Cause").orElse(""));
    }

    /** The readable part of the cause: Lambda's {@code errorMessage} when the cause is Lambda's error JSON. */
    String reason() {
        if (cause.startsWith("{")) {
            try {
                JsonNode lambdaError = Json.read(cause);
                if (lambdaError.path("errorMessage").isTextual()) {
                    return lambdaError.get("errorMessage").asText();
                }
            } catch (RuntimeException notJson) {
                // A cause is free text; keep it as it is.
            }
        }
        return cause;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
