package dev.edp.runtime.workflow;

import dev.edp.events.WorkflowTasks;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.JsonLog;
import dev.edp.runtime.common.Priming;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notification.Kind;
import dev.edp.runtime.common.Notification.Severity;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.inventory.Stock;
import dev.edp.runtime.orders.Orders;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow's HandleError and HandleApprovalTimeout task: releases what the failed workflow reserved
 * ({@link Compensation}), records the failure in the table ({@code pk = WORKFLOW#<workflow_id>},
 * {@code sk = FAILURE}, kept {@link #KEEP}) and tells subscribers ({@code workflow-failed}, or
 * {@code approval-timed-out} / {@code approval-rejected}, source {@code workflow}), both with what was released. The
 * state machine then ends in its Fail state; the error stays in the execution history and in this task's input.
 *
 * <p>A release that fails does not fail the task: the definition retries HandleError only on Lambda's transient
 * errors and catches anything else straight into the Fail state, so throwing would lose the record and the
 * notification as well. Instead the reason is logged, recorded ({@code releaseError}) and notified (severity
 * error); the reservations stay in the table, and invoking this function again with the same input (HandleError's
 * input in the execution history) releases them, the release being idempotent.
 *
 * <p>Handler string: {@code dev.edp.runtime.workflow.HandleErrorHandler::handleRequest}. Needs {@code table:read}
 * (the order's lines, the reservations), {@code table:write}, {@code notifications:publish}.
 */
public final class HandleErrorHandler implements RequestStreamHandler {

    static final String TASK = WorkflowTasks.HANDLE_ERROR;
    static final String SOURCE = "workflow";
    static final Duration KEEP = Duration.ofDays(90);
    /** DynamoDB items stop at 400 KB; a stack trace in a cause must not be what fails the error handler. */
    static final int MAX_CAUSE = 4000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Compensation compensation;
    private final Notifier notifier;
    private final JsonLog log;
    private final Clock clock;
    /** Held so that the CRaC context, which references it weakly, keeps it until the snapshot. */
    private final Priming priming;

    /** For Lambda. */
    public HandleErrorHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public HandleErrorHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda("wf-handle-error", environment), new AwsClients(environment));
    }

    private HandleErrorHandler(HandlerContext context, AwsClients aws) {
        this(context, aws.dynamoDb(), aws.sns());
    }

    /** With its collaborators, for tests. */
    public HandleErrorHandler(HandlerContext context, DynamoDbClient dynamo, SnsClient sns) {
        this.dynamo = dynamo;
        this.table = context.env().tableName();
        this.compensation = new Compensation(new Orders(dynamo, table, context.clock()),
                new Stock(dynamo, table, context.clock()));
        this.notifier = context.notifier(sns);
        this.log = context.log();
        this.clock = context.clock();
        Orders orders = new Orders(dynamo, table, context.clock());
        this.priming = WorkflowTask.priming(TASK, state -> {
            ObjectNode failed = state.deepCopy();
            failed.putObject("error").put("Error", "States.TaskFailed").put("Cause", "{\"errorMessage\":\"priming\"}");
            notifier.prime(notification(WorkflowFailure.of(failed), Compensation.Outcome.NOTHING)); // built, not sent
            orders.find("PRIMING#never-an-order"); // the real client: a read only
            AwsClients nowhere = AwsClients.forPriming();
            return WorkflowTask.rehearse(new HandleErrorHandler(context.forPriming(), nowhere.dynamoDb(), nowhere.sns()), failed);
        });
    }

    /** SnapStart's warm-up (run by the CRaC hook before the snapshot; public for {@code edp coldstart}). */
    public boolean prime() {
        return priming.prime();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WorkflowTask.run(TASK, input, output, log, this::handle);
    }

    Map<String, Object> handle(JsonNode state) {
        WorkflowFailure failure = WorkflowFailure.of(state);
        Compensation.Outcome compensated = compensation.run(state, failure);
        compensated.error().ifPresent(e -> log.error(TASK + ": releasing the order's reservations failed; they stay"
                + " reserved until HandleError runs again with this input", Map.of("orderId",
                failure.orderId().orElse("")), e));
        failure.workflowId().ifPresent(id -> record(id, failure, compensated));
        String messageId = notifier.publish(notification(failure, compensated));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workflow_id", failure.workflowId().orElse(null));
        result.put("error", failure.error());
        result.put("reason", failure.reason());
        result.put("released", compensated.released());
        result.put("already_released", compensated.alreadyReleased());
        compensated.error().ifPresent(e -> result.put("release_error", describe(e)));
        result.put("recorded", failure.workflowId().isPresent());
        result.put("notification", messageId);
        return result;
    }

    private void record(String workflowId, WorkflowFailure failure, Compensation.Outcome compensated) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("WORKFLOW#" + workflowId));
        item.put("sk", s("FAILURE"));
        item.put("workflowId", s(workflowId));
        failure.orderId().ifPresent(order -> item.put("orderId", s(order)));
        item.put("error", s(failure.error()));
        item.put("cause", s(truncate(failure.cause())));
        item.put("failedAt", s(now.toString()));
        Map<String, AttributeValue> quantities = new LinkedHashMap<>();
        compensated.released().forEach((itemId, quantity) -> quantities.put(itemId,
                AttributeValue.builder().n(Integer.toString(quantity)).build()));
        item.put("released", AttributeValue.builder().m(quantities).build());
        compensated.error().ifPresent(e -> item.put("releaseError", s(truncate(describe(e)))));
        item.put("expiresAt", AttributeValue.builder().n(Long.toString(now.plus(KEEP).getEpochSecond())).build());
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    static Notification notification(WorkflowFailure failure, Compensation.Outcome compensated) {
        String workflow = failure.workflowId().orElse("(no workflow_id)");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("workflowId", failure.workflowId().orElse(null));
        details.put("orderId", failure.orderId().orElse(null));
        details.put("error", failure.error());
        details.put("reason", truncate(failure.reason()));
        details.put("released", compensated.released());
        compensated.error().ifPresent(e -> details.put("releaseError", truncate(describe(e))));
        if (compensated.error().isPresent()) {
            // Stock is still held for a failed order: someone has to look, whatever the failure was.
            return new Notification(Kind.of("workflow-failed"), SOURCE, Severity.ERROR, "Workflow "
                    + workflow + " failed: " + failure.error() + "; its reservations could not be released", details);
        }
        return switch (failure.error()) {
            case WorkflowFailure.TIMEOUT -> new Notification(Kind.of("approval-timed-out"), SOURCE, Severity.WARNING,
                    "Workflow " + workflow + ": no approval decision in time", details);
            case WorkflowFailure.REJECTED -> new Notification(Kind.of("approval-rejected"), SOURCE, Severity.INFO,
                    "Workflow " + workflow + ": approval rejected", details);
            default -> new Notification(Kind.of("workflow-failed"), SOURCE, Severity.ERROR,
                    "Workflow " + workflow + " failed: " + failure.error(), details);
        };
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getName() + ": " + e.getMessage();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE) + "...";
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
