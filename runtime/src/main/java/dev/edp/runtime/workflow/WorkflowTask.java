package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.events.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The plumbing of a state machine task: read the state (the task's {@code Payload}, the whole state) as JSON with
 * decimals as {@link java.math.BigDecimal}, run the step, write its result as JSON. The tasks are stream handlers
 * so no serializer but this one touches money. A step's exception is logged with the workflow id and rethrown:
 * Lambda reports it as the invocation's error, Step Functions records it (error = the exception's class name,
 * cause = its message) and the definition's Catch routes it to HandleError.
 */
final class WorkflowTask {

    private WorkflowTask() {
    }

    static void run(String task, InputStream in, OutputStream out, JsonLog log, Function<JsonNode, Object> step)
            throws IOException {
        JsonNode state = Json.MAPPER.readTree(in);
        String workflowId = state.path("detail").path("workflow_id").asText("");
        if (!workflowId.isEmpty()) {
            log.correlationId(workflowId);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task", task);
        fields.put("orderId", state.path("detail").path("order_id").asText(null));
        try {
            Object result = step.apply(state);
            Json.MAPPER.writeValue(out, result);
            log.info(task + " done", fields);
        } catch (RuntimeException e) {
            log.error(task + " failed", fields, e);
            throw e;
        } finally {
            log.clearCorrelationId();
        }
    }
}
