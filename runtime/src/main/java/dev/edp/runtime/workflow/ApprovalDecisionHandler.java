package dev.edp.runtime.workflow;

import dev.edp.runtime.common.AwsClients;
import dev.edp.runtime.common.Notification;
import dev.edp.runtime.common.Notification.Kind;
import dev.edp.runtime.common.Notification.Severity;
import dev.edp.runtime.common.Notifier;
import dev.edp.runtime.handler.EventConsumerHandler;
import dev.edp.runtime.handler.HandlerContext;
import dev.edp.runtime.handler.EventConsumer.Invocation;
import dev.edp.runtime.events.EventEnvelope;
import dev.edp.runtime.events.Json;
import dev.edp.runtime.idempotency.Idempotency;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Ends the workflow's approval wait: an "Approval Decided" event (source {@code workflow}) approves with
 * {@code SendTaskSuccess} (the decision becomes the wait's output) or rejects with {@code SendTaskFailure}, error
 * {@value ApprovalDecision#REJECTED_ERROR}. Each event is applied once ({@link Idempotency}, keyed by event id).
 * A decision Step Functions no longer waits for (the wait timed out, another decision came first, the execution
 * ended) cannot be applied: it is announced as {@code approval-not-applied}, not retried and not dropped.
 *
 * <p>Handler string: {@code dev.edp.runtime.workflow.ApprovalDecisionHandler::handleRequest}. Needs the grants
 * {@code workflow:callback}, {@code notifications:publish}, {@code table:read} and {@code table:write} (the
 * idempotency record).
 */
public final class ApprovalDecisionHandler extends EventConsumerHandler {

    static final String SERVICE = "approval-processor";
    static final String SOURCE = "workflow";

    private final SfnClient sfn;
    private final Notifier notifier;
    private final Idempotency decisions;

    /** For Lambda: configuration from the environment, clients built once per execution environment. */
    public ApprovalDecisionHandler() {
        this(System.getenv());
    }

    /**
     * With the function's environment variables given instead of read from the process: how the local sandbox
     * ({@code ./edp local}) runs it in-process, with the variables the stack gives this function.
     */
    public ApprovalDecisionHandler(Map<String, String> environment) {
        this(HandlerContext.forLambda(SERVICE, environment), new AwsClients(environment));
    }

    private ApprovalDecisionHandler(HandlerContext context, AwsClients aws) {
        this(context, aws.sfn(), aws.dynamoDb(), aws.sns());
    }

    /** With its collaborators, for tests and local runs. */
    public ApprovalDecisionHandler(HandlerContext context, SfnClient sfn, DynamoDbClient dynamo, SnsClient sns) {
        super(context, Set.of(ApprovalDecision.DETAIL_TYPE));
        this.sfn = sfn;
        this.notifier = context.notifier(sns);
        this.decisions = context.idempotency(dynamo);
    }

    /**
     * Priming: the example parsed, its "not applied" notice built (not sent), a record that never exists read, and a
     * heartbeat for a token that is no task's (Step Functions answers InvalidToken: nothing changes anywhere).
     */
    @Override
    protected void warmUp(java.util.List<EventEnvelope> examples) {
        for (EventEnvelope example : examples) {
            ApprovalDecision decision = ApprovalDecision.from(example);
            notifier.prime(notApplied(decision, "priming", TaskDoesNotExistException.builder().message("priming").build()));
        }
        decisions.prime();
        AwsClients nowhere = AwsClients.forPriming();
        rehearse(new ApprovalDecisionHandler(primingContext(), nowhere.sfn(), nowhere.dynamoDb(), nowhere.sns()));
        try {
            sfn.sendTaskHeartbeat(b -> b.taskToken("edp-priming-never-a-task-token"));
        } catch (SfnException expected) {
            // InvalidToken: the call's classes are loaded, which is all priming wants.
        }
    }

    @Override
    protected String process(EventEnvelope event, Invocation invocation) {
        ApprovalDecision decision = ApprovalDecision.from(event);
        String eventId = event.id().orElse(invocation.messageId());
        return decisions.once("decision#" + eventId, invocation.deadline(), () -> apply(decision, eventId))
                .orElse("already-applied");
    }

    private String apply(ApprovalDecision decision, String eventId) {
        try {
            if (decision.approved()) {
                sfn.sendTaskSuccess(b -> b.taskToken(decision.taskToken()).output(Json.write(decision.output())));
            } else {
                sfn.sendTaskFailure(b -> b.taskToken(decision.taskToken()).error(ApprovalDecision.REJECTED_ERROR)
                        .cause(decision.rejectionCause()));
            }
            return decision.decision();
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException noLongerWaiting) {
            notifier.publish(notApplied(decision, eventId, noLongerWaiting));
            return "not-applied";
        }
    }

    static Notification notApplied(ApprovalDecision decision, String eventId, SfnException why) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("workflowId", decision.workflowId());
        details.put("decision", decision.decision());
        details.put("approver", decision.approver().orElse(null));
        details.put("eventId", eventId);
        details.put("reason", why.getClass().getSimpleName() + ": the workflow no longer waits for this token (its"
                + " approval timed out, another decision came first, or the execution ended)");
        return new Notification(Kind.of("approval-not-applied"), SOURCE, Severity.WARNING,
                "Workflow " + decision.workflowId() + ": " + decision.decision() + " decision not applied", details);
    }
}
