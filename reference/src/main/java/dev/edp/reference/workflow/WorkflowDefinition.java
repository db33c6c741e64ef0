package dev.edp.reference.workflow;

import dev.edp.events.WorkflowTasks;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The Amazon States Language definition of seed 004's workflow, built as a JSON tree:
 *
 * <pre>
 * CheckInput ─missing ids→ RejectInput → HandleError → WorkflowFailed
 *     ↓
 * ValidateInput (λ) → RouteOrder ─requires_approval→ RequestApproval (SNS, wait for task token, timeout)
 *                         │                              ├─timeout→ HandleApprovalTimeout (λ) → ApprovalTimedOut
 *                         │                              └─approved→ RouteByPriority
 *                         ├─priority high→ ProcessInParallel [ProcessOrder ‖ ReserveInventory]
 *                         └─else→ ProcessOrderStep → ReserveInventoryStep
 *                                         ↓
 *                                   PublishResult ("Workflow Completed" on the bus) → end
 * </pre>
 *
 * Every task retries Lambda's transient errors and catches everything else into HandleError, then Fail. The input
 * is the "Workflow Triggered" event; routing reads {@code detail.requires_approval} and {@code detail.priority}.
 * Pure: given the targets, the same JSON every time, so it is validated with asl-validator and executed on moto.
 */
public final class WorkflowDefinition {

    /** Where the tasks go. ARNs are resolved values; {@code partition} is "aws" outside China and GovCloud. */
    public record Targets(String partition, String validateInputFunctionArn, String processOrderFunctionArn,
                          String reserveInventoryFunctionArn, String handleErrorFunctionArn,
                          String notificationsTopicArn, String eventBusName, int approvalTimeoutSeconds) {
    }

    static final List<String> TRANSIENT_LAMBDA_ERRORS = List.of("Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");
    /** Slack on top of the approval wait for the rest of the workflow to run. */
    static final int PROCESSING_BUDGET_SECONDS = 900;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WorkflowDefinition() {
    }

    public static String render(Targets t) {
        ObjectNode root = F.objectNode();
        root.put("Comment", "EDP order workflow (seed 004): validate, approve, process, publish; errors handled");
        root.put("StartAt", "CheckInput");
        root.put("TimeoutSeconds", t.approvalTimeoutSeconds() + PROCESSING_BUDGET_SECONDS);
        ObjectNode states = root.putObject("States");

        ObjectNode checkInput = choice(states, "CheckInput", WorkflowTasks.VALIDATE_INPUT);
        ObjectNode missing = checkInput.withArray("Choices").addObject();
        ObjectNode not = missing.putObject("Not");
        ArrayNode and = not.putArray("And");
        and.addObject().put("Variable", "$.detail.workflow_id").put("IsPresent", true);
        and.addObject().put("Variable", "$.detail.order_id").put("IsPresent", true);
        missing.put("Next", "RejectInput");

        ObjectNode reject = state(states, "RejectInput", "Pass");
        reject.putObject("Result").put("Error", "InvalidInput")
                .put("Cause", "detail.workflow_id and detail.order_id are required");
        reject.put("ResultPath", "$.error");
        reject.put("Next", WorkflowTasks.HANDLE_ERROR);

        lambdaTask(states, t, WorkflowTasks.VALIDATE_INPUT, t.validateInputFunctionArn(), "$.validation").put("Next", "RouteOrder");

        ObjectNode route = choice(states, "RouteOrder", "ProcessOrderStep");
        route.withArray("Choices").add(flagIsTrue("$.detail.requires_approval", "RequestApproval"));
        route.withArray("Choices").add(priorityIsHigh("ProcessInParallel"));

        ObjectNode approval = state(states, "RequestApproval", "Task");
        approval.put("Resource", "arn:" + t.partition() + ":states:::sns:publish.waitForTaskToken");
        ObjectNode params = approval.putObject("Parameters");
        params.put("TopicArn", t.notificationsTopicArn());
        ObjectNode message = params.putObject("Message");
        message.put("kind", "approval-request");
        message.put("workflow_id.$", "$.detail.workflow_id");
        message.put("order_id.$", "$.detail.order_id");
        message.put("execution.$", "$$.Execution.Id");
        message.put("task_token.$", "$$.Task.Token");
        ObjectNode attributes = params.putObject("MessageAttributes");
        stringAttribute(attributes, "kind", "approval-request");
        stringAttribute(attributes, "source", "workflow");
        stringAttribute(attributes, "severity", "info");
        approval.put("TimeoutSeconds", t.approvalTimeoutSeconds());
        approval.put("ResultPath", "$.approval");
        ArrayNode approvalCatch = approval.putArray("Catch");
        catchInto(approvalCatch, List.of("States.Timeout"), "HandleApprovalTimeout");
        catchInto(approvalCatch, List.of("States.ALL"), WorkflowTasks.HANDLE_ERROR);
        approval.put("Next", "RouteByPriority");

        ObjectNode byPriority = choice(states, "RouteByPriority", "ProcessOrderStep");
        byPriority.withArray("Choices").add(priorityIsHigh("ProcessInParallel"));

        ObjectNode timeout = lambdaTask(states, t, "HandleApprovalTimeout", t.handleErrorFunctionArn(), "$.errorHandling");
        timeout.set("Catch", F.arrayNode());
        catchInto(timeout.withArray("Catch"), List.of("States.ALL"), "ApprovalTimedOut");
        timeout.put("Next", "ApprovalTimedOut");
        ObjectNode timedOut = state(states, "ApprovalTimedOut", "Fail");
        timedOut.put("Error", "ApprovalTimedOut");
        timedOut.put("Cause", "No approval decision within " + t.approvalTimeoutSeconds() + " seconds");

        ObjectNode parallel = state(states, "ProcessInParallel", "Parallel");
        ArrayNode branches = parallel.putArray("Branches");
        branches.add(branch(t, WorkflowTasks.PROCESS_ORDER, t.processOrderFunctionArn()));
        branches.add(branch(t, WorkflowTasks.RESERVE_INVENTORY, t.reserveInventoryFunctionArn()));
        parallel.put("ResultPath", "$.processing");
        catchInto(parallel.putArray("Catch"), List.of("States.ALL"), WorkflowTasks.HANDLE_ERROR);
        parallel.put("Next", "PublishResult");

        lambdaTask(states, t, "ProcessOrderStep", t.processOrderFunctionArn(), "$.processing.order")
                .put("Next", "ReserveInventoryStep");
        lambdaTask(states, t, "ReserveInventoryStep", t.reserveInventoryFunctionArn(), "$.processing.inventory")
                .put("Next", "PublishResult");

        ObjectNode publish = state(states, "PublishResult", "Task");
        publish.put("Resource", "arn:" + t.partition() + ":states:::events:putEvents");
        ObjectNode entry = publish.putObject("Parameters").putArray("Entries").addObject();
        entry.put("EventBusName", t.eventBusName());
        entry.put("Source", "workflow");
        entry.put("DetailType", "Workflow Completed");
        ObjectNode detail = entry.putObject("Detail");
        detail.put("workflow_id.$", "$.detail.workflow_id");
        detail.put("order_id.$", "$.detail.order_id");
        detail.put("status", "completed");
        detail.put("execution.$", "$$.Execution.Id");
        publish.put("ResultPath", "$.published");
        catchInto(publish.putArray("Catch"), List.of("States.ALL"), WorkflowTasks.HANDLE_ERROR);
        publish.put("End", true);

        ObjectNode handle = lambdaTask(states, t, WorkflowTasks.HANDLE_ERROR, t.handleErrorFunctionArn(), "$.errorHandling");
        handle.set("Catch", F.arrayNode());
        catchInto(handle.withArray("Catch"), List.of("States.ALL"), "WorkflowFailed");
        handle.put("Next", "WorkflowFailed");
        ObjectNode failed = state(states, "WorkflowFailed", "Fail");
        failed.put("Error", "WorkflowFailed");
        failed.put("Cause", "A step failed; its error is in the execution history and in HandleError's input");
        return root.toString();
    }

    /** A Lambda task through the optimised integration, with retries and a catch into HandleError. */
    private static ObjectNode lambdaTask(ObjectNode states, Targets t, String name, String functionArn,
                                         String resultPath) {
        ObjectNode task = state(states, name, "Task");
        fillLambdaTask(task, t, functionArn, resultPath);
        catchInto(task.putArray("Catch"), List.of("States.ALL"), WorkflowTasks.HANDLE_ERROR);
        return task;
    }

    private static void fillLambdaTask(ObjectNode task, Targets t, String functionArn, String resultPath) {
        task.put("Resource", "arn:" + t.partition() + ":states:::lambda:invoke");
        ObjectNode params = task.putObject("Parameters");
        params.put("FunctionName", functionArn);
        params.put("Payload.$", "$");
        task.putObject("ResultSelector").put("result.$", "$.Payload");
        task.put("ResultPath", resultPath);
        ObjectNode retry = task.putArray("Retry").addObject();
        ArrayNode errors = retry.putArray("ErrorEquals");
        TRANSIENT_LAMBDA_ERRORS.forEach(errors::add);
        retry.put("IntervalSeconds", 2);
        retry.put("MaxAttempts", 3);
        retry.put("BackoffRate", 2.0);
    }

    /** A one-task branch of the Parallel state; the Parallel's Catch covers it. */
    private static ObjectNode branch(Targets t, String name, String functionArn) {
        ObjectNode branch = F.objectNode();
        branch.put("StartAt", name);
        ObjectNode task = branch.putObject("States").putObject(name);
        task.put("Type", "Task");
        fillLambdaTask(task, t, functionArn, "$.result");
        task.put("End", true);
        return branch;
    }

    private static ObjectNode state(ObjectNode states, String name, String type) {
        ObjectNode state = states.putObject(name);
        state.put("Type", type);
        return state;
    }

    private static ObjectNode choice(ObjectNode states, String name, String defaultNext) {
        ObjectNode choice = state(states, name, "Choice");
        choice.putArray("Choices");
        choice.put("Default", defaultNext);
        return choice;
    }

    /** {@code variable} is present and true (a missing flag must not fail the Choice). */
    private static ObjectNode flagIsTrue(String variable, String next) {
        ObjectNode rule = F.objectNode();
        ArrayNode and = rule.putArray("And");
        and.addObject().put("Variable", variable).put("IsPresent", true);
        and.addObject().put("Variable", variable).put("BooleanEquals", true);
        rule.put("Next", next);
        return rule;
    }

    private static ObjectNode priorityIsHigh(String next) {
        ObjectNode rule = F.objectNode();
        ArrayNode and = rule.putArray("And");
        and.addObject().put("Variable", "$.detail.priority").put("IsPresent", true);
        and.addObject().put("Variable", "$.detail.priority").put("StringEquals", "high");
        rule.put("Next", next);
        return rule;
    }

    private static void catchInto(ArrayNode catches, List<String> errors, String next) {
        ObjectNode c = catches.addObject();
        ArrayNode list = c.putArray("ErrorEquals");
        errors.forEach(list::add);
        c.put("ResultPath", "$.error");
        c.put("Next", next);
    }

    private static void stringAttribute(ObjectNode attributes, String name, String value) {
        attributes.putObject(name).put("DataType", "String").put("StringValue", value);
    }
}
