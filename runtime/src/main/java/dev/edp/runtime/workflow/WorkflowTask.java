package dev.edp.runtime.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Priming;
import dev.edp.runtime.events.EventSchemas;
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

    /**
     * Registers a task's SnapStart warm-up ({@link Priming}): {@code step} given the seed "Workflow Triggered" event
     * (the workflow's input) with one made-up order line, its result written as JSON to nowhere. The step must have
     * no side effect: reads of keys that never exist on the real clients, the task's own step only on a twin built
     * on {@link dev.edp.runtime.common.AwsClients#forPriming} clients ({@link #rehearse}).
     */
    static Priming priming(String task, Function<JsonNode, Object> step) {
        return Priming.register(task, () -> {
            com.fasterxml.jackson.databind.node.ObjectNode state = (com.fasterxml.jackson.databind.node.ObjectNode)
                    EventSchemas.fromClasspath().exampleJson(ValidateInputHandler.DETAIL_TYPE).orElseThrow();
            ((com.fasterxml.jackson.databind.node.ObjectNode) state.get("detail")).putArray("items").addObject()
                    .put("item_id", "PRIMING").put("quantity", 1).put("price", new java.math.BigDecimal("1.00"));
            try {
                Json.MAPPER.writeValue(java.io.OutputStream.nullOutputStream(), step.apply(state));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * Hands {@code twin} the state as Lambda would (JSON bytes in, JSON bytes out): the twin is the task built on
     * {@code HandlerContext.forPriming} and priming clients (calls go nowhere and succeed empty), so the task's
     * plumbing, its step and the SDK's pipeline for its calls run ({@link Priming#REHEARSALS} times). A step an empty
     * answer cannot satisfy stops there; what it loaded stays loaded.
     */
    static Object rehearse(com.amazonaws.services.lambda.runtime.RequestStreamHandler twin, JsonNode state) {
        try {
            byte[] input = Json.MAPPER.writeValueAsBytes(state);
            Priming.rehearse(() -> {
                try {
                    twin.handleRequest(new java.io.ByteArrayInputStream(input), java.io.OutputStream.nullOutputStream(), null);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return Map.of("rehearsed", true);
        } catch (IOException | RuntimeException | LinkageError partial) {
            return Map.of("rehearsed", false); // priming is best effort
        }
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
