package com.example.platform;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.asset.FileArchive;
import com.pulumi.core.Output;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.ScheduleArgs;
import dev.edp.pattern.inputs.SchemaArgs;
import dev.edp.pattern.inputs.TaskArgs;
import dev.edp.pattern.inputs.WorkflowArgs;

import java.util.Map;

/**
 * A platform team's program on EDP's bare pattern, with none of the seeds' application: the bus with its archive,
 * registry, audit trail, alarms and dashboard, and three consumers of different kinds and runtimes:
 * <ul>
 *   <li>{@code orders}: kind queue, Java (the orders team's jar), Order Placed events;</li>
 *   <li>{@code enrich}: kind function, Python (a directory), partner uploads to an existing bucket
 *       (a file source), invoked asynchronously with Lambda's retries and an on-failure DLQ;</li>
 *   <li>{@code fulfilment}: kind workflow, the team's own state machine (an ASL file) with a Node.js task.</li>
 * </ul>
 * A schedule puts a "Stock Check" event on the bus every hour; the team's Order Placed schema is registered.
 */
public final class PlatformEvents {

    private PlatformEvents() {
    }

    public static void main(String[] args) {
        Pulumi.run(PlatformEvents::define);
    }

    /** The stack: config {@code platform:environment}, {@code platform:landingBucket}, {@code platform:ordersJar}. */
    public static void define(Context ctx) {
        var config = ctx.config("platform");
        String environment = config.get("environment").orElse("dev");
        // Another stack's bucket: any Output<String> works (e.g. a StackReference's output).
        Output<String> landingBucket = Output.of(config.require("landingBucket"));
        String ordersJar = config.get("ordersJar").orElse("../orders-handlers/target/orders-handlers.jar");

        var edp = new EventDrivenPattern("platform", EventDrivenPatternArgs.builder()
                .environment(environment)
                .bus(BusArgs.builder().schemas(SchemaArgs.builder()
                        .name("platform.orders@OrderPlaced")
                        .description("An order was placed")
                        .content("{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\","
                                + "\"required\":[\"detail\"],\"properties\":{\"detail\":{\"type\":\"object\","
                                + "\"required\":[\"order_id\"]}}}")
                        .build()).build())
                .fileSources(FileSourceArgs.builder().name("landing").existingBucketName(landingBucket)
                        .prefix("partners/").suffixes(".json").build())
                .consumers(
                        ConsumerArgs.builder()
                                .name("orders")
                                .description("Books placed orders (Java, from an SQS queue)")
                                .eventPattern("{\"source\":[\"platform.orders\"],\"detail-type\":[\"Order Placed\"]}")
                                .function(FunctionArgs.builder()
                                        .code(new FileArchive(ordersJar))
                                        .handler("com.example.orders.OrderPlacedHandler::handleRequest")
                                        .memoryMb(1024)
                                        .build())
                                .grants("table:read", "table:write", "bus:putEvents")
                                .build(),
                        ConsumerArgs.builder()
                                .name("enrich")
                                .kind("function")
                                .description("Enriches partner uploads (Python, invoked asynchronously)")
                                .fileSource("landing")
                                .inputPath("$.detail")
                                .function(FunctionArgs.builder()
                                        .code(new FileArchive("handlers/python"))
                                        .runtime("python3.12")
                                        .handler("enrich.handler")
                                        .memoryMb(256)
                                        .build())
                                .retryAttempts(1)
                                .maxEventAgeSeconds(3600)
                                .grants("bucket:landing:read", "table:write")
                                .alarms(AlarmArgs.builder().lambdaErrors(1.0).build())
                                .build(),
                        ConsumerArgs.builder()
                                .name("fulfilment")
                                .kind("workflow")
                                .description("Reserves stock for placed orders (Step Functions, Node.js task)")
                                .eventPattern("{\"source\":[\"platform.orders\"],\"detail-type\":[\"Order Placed\"]}")
                                .workflow(WorkflowArgs.builder()
                                        .definitionFile("workflows/fulfilment.asl.json")
                                        .grants("bus:putEvents")
                                        .tasks(TaskArgs.builder()
                                                .name("reserve-stock")
                                                .description("Reserves the order's stock")
                                                .function(FunctionArgs.builder()
                                                        .code(new FileArchive("handlers/node"))
                                                        .runtime("nodejs20.x")
                                                        .handler("index.handler")
                                                        .build())
                                                .grants("table:read", "table:write")
                                                .build())
                                        .build())
                                .build())
                .schedules(ScheduleArgs.builder()
                        .name("stock-check")
                        .expression("rate(1 hour)")
                        .source("platform.scheduler")
                        .detailType("Stock Check")
                        .build())
                .tags(Map.of("team", "platform"))
                .build(), null);

        ctx.export("busName", edp.busName());
        ctx.export("busArn", edp.busArn());
        ctx.export("archiveName", edp.archiveName());
        ctx.export("queueUrls", edp.queueUrls());
        ctx.export("deadLetterQueueUrls", edp.deadLetterQueueUrls());
        ctx.export("logGroupNames", edp.logGroupNames());
        ctx.export("functionArns", edp.functionArns());
        ctx.export("stateMachineArns", edp.stateMachineArns());
        ctx.export("eventsDeadLetterQueueUrl", edp.eventsDeadLetterQueueUrl());
        ctx.export("tableName", edp.tableName());
        ctx.export("notificationsTopicArn", edp.notificationsTopicArn());
    }
}
