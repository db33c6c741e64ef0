package dev.edp.pattern.config;

import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionDefaultsArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;

import java.util.List;

/**
 * The consumers of the seeds, declared as a user would declare them: seed 003's order, inventory and notification
 * processors (their rules' patterns verbatim), the approval decisions of seed 004's workflow, and seed 000's
 * cost-report ingest.
 */
public final class SeedConsumers {

    public static final String CUR_INGEST = "cur-ingest";
    public static final String ORDER_PROCESSOR = "order-processor";
    public static final String INVENTORY_PROCESSOR = "inventory-processor";
    public static final String NOTIFICATION_PROCESSOR = "notification-processor";
    public static final String APPROVAL_PROCESSOR = "approval-processor";

    private SeedConsumers() {
    }

    /** The domain consumers of seed 003 and the workflow's approvals. */
    public static List<ConsumerArgs> domain() {
        return List.of(
                ConsumerArgs.builder()
                        .name(ORDER_PROCESSOR)
                        .description("Creates and advances orders (seed 003: Order Created, Order Completed)")
                        .eventPattern(EventPatterns.sourceAndTypes("orders", List.of("Order Created", "Order Completed")))
                        .handler(RuntimeHandlers.ORDER_PROCESSOR)
                        .grants("table:read", "table:write", "notifications:publish")
                        .build(),
                ConsumerArgs.builder()
                        .name(INVENTORY_PROCESSOR)
                        .description("Applies stock changes with conditional writes (seed 003: Inventory Updated)")
                        .eventPattern(EventPatterns.sourceAndTypes("inventory", List.of("Inventory Updated")))
                        .handler(RuntimeHandlers.INVENTORY_PROCESSOR)
                        .grants("table:read", "table:write", "notifications:publish")
                        .build(),
                ConsumerArgs.builder()
                        .name(NOTIFICATION_PROCESSOR)
                        .description("Publishes notifications with filterable attributes (seed 003: Notification Sent)")
                        .eventPattern(EventPatterns.sourceAndTypes("notifications", List.of("Notification Sent")))
                        .handler(RuntimeHandlers.NOTIFICATION_PROCESSOR)
                        // The table holds its "published once" records (runtime/README.md, idempotency).
                        .grants("table:read", "table:write", "notifications:publish")
                        .build(),
                ConsumerArgs.builder()
                        .name(APPROVAL_PROCESSOR)
                        .description("Completes the workflow's approval wait (Approval Decided)")
                        .eventPattern(EventPatterns.sourceAndTypes("workflow", List.of("Approval Decided")))
                        .handler(RuntimeHandlers.APPROVAL_PROCESSOR)
                        .grants("workflow:callback", "table:read", "table:write", "notifications:publish")
                        .build());
    }

    /**
     * The cost-report consumer. Its event pattern is built from the ingest bucket's name at deploy time, so it has
     * none here. One file per invocation, up to 15 minutes per file, and 1769 MB (one full vCPU) in every
     * environment: CUR files can be gigabytes and parsing is CPU-bound (docs/benchmarks.md: ~70-120 MB/s per vCPU).
     */
    public static ConsumerArgs curIngest() {
        return ConsumerArgs.builder()
                .name(CUR_INGEST)
                .description("Aggregates cost-report files into daily totals (seed 000)")
                .handler(RuntimeHandlers.CUR_INGEST)
                .grants("ingest:read", "curated:write", "table:read", "table:write", "notifications:publish")
                .function(FunctionDefaultsArgs.builder().timeoutSeconds(900).memoryMb(1769).build())
                // Lambda's java21 runtime stops the JIT at C1 by default (fast cold starts); this long, CPU-bound
                // parse runs 2.7x faster with C2 (docs/benchmarks.md, CUR experiment).
                .environment(java.util.Map.of("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4"))
                .queue(QueueDefaultsArgs.builder().batchSize(1).build())
                // A multi-gigabyte report takes tens of seconds (docs/benchmarks.md), never the pattern-wide 10 s:
                // alarm when p99 reaches 5 minutes, well before the 15-minute timeout.
                .durationAlarmP99Ms(300_000.0)
                .build();
    }
}
