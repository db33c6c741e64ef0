package com.example.shop;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.CurIngestArgs;
import dev.edp.pattern.inputs.FunctionDefaultsArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.WorkflowArgs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shop's program: EDP's event-driven architecture with the shop's two consumers instead of the seed ones,
 * billing (more memory, a longer timeout, five tries before the DLQ) and shipping (FIFO per order), no workflow and
 * no cost-report ingest, alarms a little stricter, every resource tagged with the team.
 */
public final class ShopEvents {

    private ShopEvents() {
    }

    /** What {@code pulumi up} runs: refuses to deploy functions whose jar was not built, then the program. */
    public static void main(String[] args) throws Exception {
        String config = System.getenv().getOrDefault("PULUMI_CONFIG", "{}");
        var jar = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config).path("shop:lambdaJar");
        Path lambdaJar = Path.of(jar.isTextual() ? jar.asText() : DEFAULT_LAMBDA_JAR);
        if (!Files.isRegularFile(lambdaJar)) {
            System.err.println("shop: the handlers' jar " + lambdaJar + " does not exist: build it first");
            System.exit(2);
        }
        Pulumi.run(ShopEvents::define);
    }

    static final String DEFAULT_LAMBDA_JAR = "../shop-handlers/target/shop-handlers.jar";

    /** The stack: config {@code shop:environment} (dev, staging, prod) and {@code shop:lambdaJar}. */
    public static void define(Context ctx) {
        var config = ctx.config("shop");
        String environment = config.get("environment").orElse("dev");
        String lambdaJar = config.get("lambdaJar").orElse(DEFAULT_LAMBDA_JAR);

        var edp = new EventDrivenPattern("shop", EventDrivenPatternArgs.builder()
                .environment(environment)
                .runtimeJar(lambdaJar)
                .includeSeedConsumers(false)
                .workflow(WorkflowArgs.builder().enabled(false).build())
                .curIngest(CurIngestArgs.builder().enabled(false).build())
                .functionDefaults(FunctionDefaultsArgs.builder().logRetentionDays(30).build())
                .queueDefaults(QueueDefaultsArgs.builder().targetRetryAttempts(4).build())
                .alarms(AlarmArgs.builder().lambdaErrors(5.0).build())
                .tags(Map.of("team", "shop"))
                .consumers(
                        ConsumerArgs.builder()
                                .name("billing")
                                .description("Issues invoices for paid orders")
                                .eventPattern("{\"source\":[\"shop.orders\"],\"detail-type\":[\"Order Paid\"]}")
                                .handler("com.example.shop.billing.InvoiceHandler::handleRequest")
                                .grants("table:read", "table:write", "notifications:publish")
                                .function(FunctionDefaultsArgs.builder().memoryMb(1024).timeoutSeconds(60).build())
                                .queue(QueueDefaultsArgs.builder().maxReceiveCount(5).batchSize(5).build())
                                .environment(Map.of("SHOP_CURRENCY", "EUR"))
                                .build(),
                        ConsumerArgs.builder()
                                .name("shipping")
                                .description("Books parcels, in order, per order")
                                .eventPattern("{\"source\":[\"shop.orders\"],\"detail-type\":[\"Order Packed\"]}")
                                .handler("com.example.shop.shipping.ParcelHandler::handleRequest")
                                .fifo(true)
                                // One message group per order: parcels of one order in order, and a failing
                                // order holds back only itself (EventBridge reads the path from each event).
                                .messageGroupId("$.detail.order_id")
                                .grants("table:write", "bus:putEvents")
                                .build())
                .build());

        // What ./edp dlq and ./edp replay read (with --outputs FILE from `pulumi stack output --json`).
        ctx.export("busName", edp.busName());
        ctx.export("busArn", edp.busArn());
        ctx.export("archiveName", edp.archiveName());
        ctx.export("queueUrls", edp.queueUrls());
        ctx.export("deadLetterQueueUrls", edp.deadLetterQueueUrls());
        ctx.export("logGroupNames", edp.logGroupNames());
        ctx.export("eventsDeadLetterQueueUrl", edp.eventsDeadLetterQueueUrl());
        ctx.export("tableName", edp.tableName());
        ctx.export("notificationsTopicArn", edp.notificationsTopicArn());
    }
}
