package dev.edp.reference;

import dev.edp.events.FunctionEnvironment;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.inputs.ConsumerArgs;

import java.util.List;

/**
 * The domain consumers of the seeds, declared as any user would declare them on the pattern: seed 003's order,
 * inventory and notification processors (their rules' patterns verbatim) and the approval decisions of seed 004's
 * workflow. Each runs its handler of EDP's runtime jar ({@link RuntimeHandlers}); the jar itself is the stack's
 * {@code functionDefaults.code}.
 */
public final class SeedConsumers {

    public static final String CUR_INGEST = "cur-ingest";
    public static final String ORDER_PROCESSOR = "order-processor";
    public static final String INVENTORY_PROCESSOR = "inventory-processor";
    public static final String NOTIFICATION_PROCESSOR = "notification-processor";
    public static final String APPROVAL_PROCESSOR = "approval-processor";

    private SeedConsumers() {
    }

    /** Seed 003's order, inventory and notification processors. */
    public static List<ConsumerArgs> domain() {
        return List.of(
                ConsumerArgs.builder()
                        .name(ORDER_PROCESSOR)
                        .description("Creates and advances orders (seed 003: Order Created, Order Completed)")
                        .eventPattern(EventPatterns.sourceAndTypes("orders", List.of("Order Created", "Order Completed")))
                        .function(Functions.handler(RuntimeHandlers.ORDER_PROCESSOR))
                        .grants("table:read", "table:write", "notifications:publish")
                        .build(),
                ConsumerArgs.builder()
                        .name(INVENTORY_PROCESSOR)
                        .description("Applies stock changes with conditional writes (seed 003: Inventory Updated)")
                        .eventPattern(EventPatterns.sourceAndTypes("inventory", List.of("Inventory Updated")))
                        .function(Functions.handler(RuntimeHandlers.INVENTORY_PROCESSOR))
                        .grants("table:read", "table:write", "notifications:publish")
                        .build(),
                ConsumerArgs.builder()
                        .name(NOTIFICATION_PROCESSOR)
                        .description("Publishes notifications with filterable attributes (seed 003: Notification Sent)")
                        .eventPattern(EventPatterns.sourceAndTypes("notifications", List.of("Notification Sent")))
                        .function(Functions.handler(RuntimeHandlers.NOTIFICATION_PROCESSOR))
                        // The table holds its "published once" records (runtime/README.md, idempotency).
                        .grants("table:read", "table:write", "notifications:publish")
                        .build());
    }

    /** The workflow's approvals: completes the wait of the workflow consumer {@code workflowConsumer}. */
    public static ConsumerArgs approvals(String workflowConsumer) {
        return ConsumerArgs.builder()
                .name(APPROVAL_PROCESSOR)
                .description("Completes the workflow's approval wait (Approval Decided)")
                .eventPattern(EventPatterns.sourceAndTypes("workflow", List.of("Approval Decided")))
                .function(Functions.handler(RuntimeHandlers.APPROVAL_PROCESSOR))
                .grants("workflow:" + workflowConsumer + ":callback", "table:read", "table:write",
                        "notifications:publish")
                .environment(java.util.Map.of(FunctionEnvironment.STATE_MACHINE_ARN, "${workflow:" + workflowConsumer + "}"))
                .build();
    }
}
