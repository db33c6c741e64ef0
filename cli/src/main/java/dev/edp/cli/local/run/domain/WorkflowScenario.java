package dev.edp.cli.local.run.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.DeliveryLedger;
import dev.edp.cli.local.run.Notifications.Notification;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.reference.SeedConsumers;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seed 004's workflow with an approval: stock for the order's item first, then "Workflow Triggered" (requires
 * approval) on the bus. The trigger rule's Step Functions target (delivered by the sandbox) starts the real state
 * machine on moto's interpreter; ValidateInput runs the real task handler; RequestApproval publishes the approval
 * request with its task token; the scenario answers with "Approval Decided" on the bus, which the approval consumer
 * turns into SendTaskSuccess; ProcessOrder and ReserveInventory run; PublishResult puts "Workflow Completed".
 */
public final class WorkflowScenario implements Scenario {

    static final String WORKFLOW = "WF-LOCAL-1";
    static final String ORDER = "ORD-LOCAL-WF";
    static final String ITEM = "ITEM-LOCAL-WF";
    static final List<String> EXPECTED_STATES = List.of("ValidateInput", "RequestApproval", "ProcessOrderStep",
            "ReserveInventoryStep", "PublishResult");

    @Override
    public String name() {
        return "workflow";
    }

    @Override
    public String description() {
        return "workflow triggered, with approval (seed 004)";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        if (context.sandbox().stack().exports().getOrDefault("stateMachineArn", "").toString().isEmpty()) {
            return Optional.of("the workflow is disabled in this stack (edp:workflow.enabled)");
        }
        return context.missingHandlers(List.of(RuntimeHandlers.WORKFLOW_VALIDATE_INPUT,
                RuntimeHandlers.WORKFLOW_PROCESS_ORDER, RuntimeHandlers.WORKFLOW_RESERVE_INVENTORY,
                RuntimeHandlers.WORKFLOW_HANDLE_ERROR, RuntimeHandlers.APPROVAL_PROCESSOR,
                RuntimeHandlers.INVENTORY_PROCESSOR));
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws InterruptedException {
        DomainProbe probe = new DomainProbe(context);
        context.trace().note(ITEM + ": restock 5, so the workflow can reserve");
        String restock = probe.put("inventory", "Inventory Updated",
                DomainProbe.detail().put("item_id", ITEM).put("quantity", 5).put("action", "restock"));
        probe.processed(restock, SeedConsumers.INVENTORY_PROCESSOR);

        context.trace().note("workflow " + WORKFLOW + " for " + ORDER + ": triggered, requires approval");
        ObjectNode trigger = DomainProbe.detail().put("workflow_id", WORKFLOW).put("order_id", ORDER)
                .put("requires_approval", true).put("priority", "normal");
        trigger.putArray("items").addObject().put("item_id", ITEM).put("quantity", 2).put("price", 9.5);
        String triggerId = probe.put("workflow", "Workflow Triggered", trigger);
        Optional<String> execution = awaitExecution(context, triggerId);

        Optional<Notification> request = context.notifications().await(n -> "approval-request".equals(n.kind())
                && WORKFLOW.equals(n.body().path("workflow_id").asText()), context.timeout());
        request.ifPresent(n -> context.trace().hop(triggerId, n.publishedAt(), "SNS notifications: approval-request"
                + " (the execution waits for its task token)"));
        String decisionId = null;
        boolean decisionApplied = false;
        if (request.isPresent()) {
            context.trace().note("approval of " + WORKFLOW + ": approved by ops@example.com");
            decisionId = probe.put("workflow", "Approval Decided", DomainProbe.detail().put("workflow_id", WORKFLOW)
                    .put("decision", "approved").put("approver", "ops@example.com")
                    .put("task_token", request.get().body().path("task_token").asText()));
            decisionApplied = probe.processed(decisionId, SeedConsumers.APPROVAL_PROCESSOR);
        }

        Optional<DescribeExecutionResponse> ended = execution.isEmpty() ? Optional.empty()
                : Optional.of(awaitEnd(context, execution.get()));
        List<String> entered = execution.map(arn -> enteredStates(context, arn)).orElse(List.of());
        ended.ifPresent(e -> context.trace().hop(triggerId, Instant.now(), "Step Functions: execution " + e.status()
                + " after " + entered));
        boolean completedEvent = !context.ledger().keysOfType("Workflow Completed").isEmpty();
        var reservation = probe.item("ITEM#" + ITEM, "RESERVATION#" + ORDER);
        return ScenarioResult.ran(name(), List.of(
                Check.of("the trigger rule started the state machine", execution.isPresent(),
                        execution.orElse("no execution started")),
                Check.of("the approval request was published with a task token", request.isPresent()
                                && !request.get().body().path("task_token").asText().isEmpty(),
                        request.map(n -> "approval-request for " + n.body().path("workflow_id").asText()).orElse("none")),
                Check.of("approval-processor applied the decision", decisionApplied,
                        decisionId == null ? "no decision was sent" : "Approval Decided " + (decisionApplied ? "processed" : "not processed")),
                Check.of("the execution SUCCEEDED through approval, processing and publishing",
                        ended.map(e -> e.status() == ExecutionStatus.SUCCEEDED).orElse(false)
                                && entered.containsAll(EXPECTED_STATES),
                        ended.map(e -> e.status().toString()).orElse("not ended") + ", states " + entered),
                Check.of("the order's items are reserved", "2".equals(DomainProbe.text(reservation, "quantity")),
                        "RESERVATION#" + ORDER + ": quantity " + DomainProbe.text(reservation, "quantity")),
                Check.of("\"Workflow Completed\" reached the bus", completedEvent,
                        completedEvent ? "put by the PublishResult state" : "never seen on the bus")));
    }

    /** The execution the trigger rule's Step Functions target started for the event. */
    private static Optional<String> awaitExecution(ScenarioContext context, String triggerId) throws InterruptedException {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> arn = context.ledger().deliveries(triggerId).stream()
                    .filter(d -> d.service().equals("states")).map(DeliveryLedger.Delivery::answer).findFirst();
            if (arn.isPresent()) {
                return arn;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static DescribeExecutionResponse awaitEnd(ScenarioContext context, String executionArn)
            throws InterruptedException {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        while (true) {
            DescribeExecutionResponse execution = context.aws().sfn().describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || System.nanoTime() > deadline) {
                return execution;
            }
            Thread.sleep(100);
        }
    }

    private static List<String> enteredStates(ScenarioContext context, String executionArn) {
        List<String> states = new ArrayList<>();
        context.aws().sfn().getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000))
                .forEach(page -> page.events().stream().map(HistoryEvent::stateEnteredEventDetails)
                        .filter(java.util.Objects::nonNull).forEach(d -> states.add(d.name())));
        return states;
    }
}
