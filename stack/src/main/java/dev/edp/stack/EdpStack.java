package dev.edp.stack;

import com.pulumi.Config;
import com.pulumi.Context;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;

import java.util.List;

/**
 * The program behind {@code pulumi up}: stack config → {@link EventDrivenPatternArgs} → the component → exports.
 * Also what {@code ./edp synth} runs under Pulumi's mock engine.
 */
public final class EdpStack {

    /** Every {@code edp:*} key the program reads: {@code name} plus the Args fields. */
    public static final List<String> CONFIG_KEYS = List.of("name", "environment", "consumers", "includeSeedConsumers",
            "runtimeJar", "functionDefaults", "queueDefaults", "bus", "table", "subscriptions", "workflow", "audit",
            "alarms", "curIngest", "tags");

    private EdpStack() {
    }

    public static void define(Context ctx) {
        Config config = ctx.config(StackConfig.NAMESPACE);
        EventDrivenPatternArgs args = StackConfig.read(config::get, CONFIG_KEYS);
        EventDrivenPattern edp = new EventDrivenPattern(StackConfig.name(config::get), args);

        ctx.export("busName", edp.busName());
        ctx.export("busArn", edp.busArn());
        ctx.export("archiveName", edp.archiveName());
        ctx.export("queueUrls", edp.queueUrls());
        ctx.export("deadLetterQueueUrls", edp.deadLetterQueueUrls());
        ctx.export("logGroupNames", edp.logGroupNames());
        ctx.export("eventsDeadLetterQueueUrl", edp.eventsDeadLetterQueueUrl());
        ctx.export("tableName", edp.tableName());
        ctx.export("notificationsTopicArn", edp.notificationsTopicArn());
        ctx.export("alarmsTopicArn", edp.alarmsTopicArn());
        ctx.export("stateMachineArn", edp.stateMachineArn());
        ctx.export("ingestBucketName", edp.ingestBucketName());
        ctx.export("curatedBucketName", edp.curatedBucketName());
        ctx.export("auditBucketName", edp.auditBucketName());
        ctx.export("keyArn", edp.keyArn());
        ctx.export("dashboardName", edp.dashboardName());
    }
}
