package dev.edp.runtime.workflow;

import dev.edp.runtime.events.EventEnvelope;

import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;

/**
 * "Approval Decided": a person approved or rejected the workflow waiting with {@code task_token} (the token the
 * approval request carried).
 */
record ApprovalDecision(String workflowId, boolean approved, String taskToken, Optional<String> approver,
                        Optional<String> reason, Optional<String> timestamp) {

    static final String DETAIL_TYPE = "Approval Decided";
    /** The error a rejection ends the wait with; the definition routes it to HandleError. */
    static final String REJECTED_ERROR = "ApprovalRejected";

    static ApprovalDecision from(EventEnvelope event) {
        return new ApprovalDecision(event.text("workflow_id"), "approved".equals(event.text("decision")),
                event.text("task_token"), event.optionalText("approver"), event.optionalText("reason"),
                event.optionalText("timestamp"));
    }

    String decision() {
        return approved ? "approved" : "rejected";
    }

    /** The wait's output on approval, placed under {@code $.approval} by the definition. */
    Map<String, Object> output() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("decision", decision());
        output.put("workflow_id", workflowId);
        output.put("approver", approver.orElse(null));
        output.put("reason", reason.orElse(null));
        output.put("decided_at", timestamp.orElse(null));
        return output;
    }

    /** The cause of the wait's failure on rejection. */
    String rejectionCause() {
        return "Rejected by " + approver.orElse("an unnamed approver") + reason.map(r -> ": " + r).orElse("");
    }
}
