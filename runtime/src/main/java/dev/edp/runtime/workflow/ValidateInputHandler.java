package dev.edp.runtime.workflow;

import dev.edp.events.WorkflowTasks;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Priming;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.events.EventSchemas;
import dev.edp.runtime.events.InvalidEventException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow's ValidateInput task: the input must be a "Workflow Triggered" event that matches
 * {@code workflow-triggered.json}. Otherwise it fails with {@link InvalidWorkflowInputException}, whose message
 * names the field (e.g. {@code detail.priority: does not have a value in the enumeration ["high", "normal"]}),
 * and the workflow ends in HandleError → WorkflowFailed. Its result (under {@code $.validation}) summarises the
 * routing inputs.
 *
 * <p>Handler string: {@code dev.edp.runtime.workflow.ValidateInputHandler::handleRequest}. Needs no grant.
 */
public final class ValidateInputHandler implements RequestStreamHandler {

    static final String TASK = WorkflowTasks.VALIDATE_INPUT;
    static final String DETAIL_TYPE = "Workflow Triggered";

    private final EventSchemas schemas;
    private final JsonLog log;
    /** Held so that the CRaC context, which references it weakly, keeps it until the snapshot. */
    private final Priming priming;

    /** For Lambda. */
    public ValidateInputHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public ValidateInputHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda("wf-validate", environment));
    }

    /** With its context, for tests. */
    public ValidateInputHandler(HandlerContext context) {
        this.schemas = EventSchemas.fromClasspath();
        this.log = context.log();
        // Validating reads nothing but the schemas; the twin's log goes nowhere.
        this.priming = WorkflowTask.priming(TASK, state -> WorkflowTask.rehearse(new ValidateInputHandler(context.forPriming()), state));
    }

    /** SnapStart's warm-up (run by the CRaC hook before the snapshot; public for {@code edp coldstart}). */
    public boolean prime() {
        return priming.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WorkflowTask.run(TASK, input, output, log, this::validate);
    }

    Map<String, Object> validate(JsonNode state) {
        EventEnvelope event;
        try {
            event = schemas.validate(state);
        } catch (InvalidEventException e) {
            throw new InvalidWorkflowInputException(e.getMessage());
        }
        if (!DETAIL_TYPE.equals(event.detailType())) {
            throw new InvalidWorkflowInputException("detail-type: the workflow starts on '" + DETAIL_TYPE + "', got '"
                    + event.detailType() + "'");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", true);
        result.put("schema_version", event.schemaVersion());
        result.put("workflow_id", event.text("workflow_id"));
        result.put("order_id", event.text("order_id"));
        result.put("priority", event.optionalText("priority").orElse("normal"));
        result.put("requires_approval", event.detail().path("requires_approval").asBoolean(false));
        result.put("item_count", event.detail().path("items").size());
        return result;
    }
}
