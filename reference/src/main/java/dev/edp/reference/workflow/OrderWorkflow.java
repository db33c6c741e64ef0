package dev.edp.reference.workflow;

import dev.edp.pattern.config.Problems;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.TaskArgs;
import dev.edp.pattern.inputs.WorkflowArgs;
import dev.edp.reference.RuntimeHandlers;

import java.util.List;

/**
 * Seed 004's order workflow as a {@code workflow} consumer of the pattern: its definition
 * ({@link WorkflowDefinition}) with placeholders for what the pattern creates (its four task functions, the
 * notifications topic, the bus), the tasks with the access each needs, and the state machine's own grants
 * (approval requests on the notifications topic, results on the bus).
 */
public final class OrderWorkflow {

    /** The consumer's name: its state machine is {@code <component>-workflow}. */
    public static final String NAME = "workflow";
    public static final String VALIDATE = "wf-validate";
    public static final String PROCESS_ORDER = "wf-process-order";
    public static final String RESERVE_INVENTORY = "wf-reserve-inventory";
    public static final String HANDLE_ERROR = "wf-handle-error";
    static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 3600;

    private OrderWorkflow() {
    }

    public static ConsumerArgs consumer(OrderWorkflowArgs args, Problems problems) {
        int timeout = args.approvalTimeoutSeconds().orElse(DEFAULT_APPROVAL_TIMEOUT_SECONDS);
        problems.range(timeout, 60, 31_536_000, "workflow.approvalTimeoutSeconds");
        String definition = WorkflowDefinition.render(new WorkflowDefinition.Targets("${aws:partition}",
                "${task:" + VALIDATE + "}", "${task:" + PROCESS_ORDER + "}", "${task:" + RESERVE_INVENTORY + "}",
                "${task:" + HANDLE_ERROR + "}", "${edp:notificationsTopicArn}", "${edp:busName}", timeout));
        return ConsumerArgs.builder()
                .name(NAME)
                .kind("workflow")
                .description("Starts the order workflow on Workflow Triggered (seed 003)")
                .eventPattern(EventPatterns.sourceAndTypes("workflow", List.of("Workflow Triggered")))
                .workflow(WorkflowArgs.builder()
                        .definition(definition)
                        .logLevel(args.logLevel().orElse(null))
                        .includeExecutionData(args.includeExecutionData().orElse(null))
                        .taskDefaults(args.function())
                        .grants("notifications:publish", "bus:putEvents")
                        .tasks(
                                task(VALIDATE, "Validates workflow input against its schema",
                                        RuntimeHandlers.WORKFLOW_VALIDATE_INPUT),
                                task(PROCESS_ORDER, "Processes the workflow's order",
                                        RuntimeHandlers.WORKFLOW_PROCESS_ORDER, "table:read", "table:write"),
                                task(RESERVE_INVENTORY, "Reserves the order's items",
                                        RuntimeHandlers.WORKFLOW_RESERVE_INVENTORY, "table:read", "table:write"),
                                // Reads the order's lines and reservations to release them (the saga's
                                // compensation); records, notifies.
                                task(HANDLE_ERROR, "Releases a failed workflow's reservations, records and reports it",
                                        RuntimeHandlers.WORKFLOW_HANDLE_ERROR, "table:read", "table:write",
                                        "notifications:publish"))
                        .build())
                .build();
    }

    private static TaskArgs task(String name, String description, String handler, String... grants) {
        return TaskArgs.builder().name(name).description(description)
                .function(FunctionArgs.builder().handler(handler).build())
                .grants(grants)
                .build();
    }
}
