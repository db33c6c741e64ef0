package dev.edp.stack;

import dev.edp.events.StackExports;
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

        ctx.export(StackExports.BUS_NAME, edp.busName());
        ctx.export(StackExports.BUS_ARN, edp.busArn());
        ctx.export(StackExports.ARCHIVE_NAME, edp.archiveName());
        ctx.export(StackExports.QUEUE_URLS, edp.queueUrls());
        ctx.export(StackExports.DEAD_LETTER_QUEUE_URLS, edp.deadLetterQueueUrls());
        ctx.export(StackExports.LOG_GROUP_NAMES, edp.logGroupNames());
        ctx.export(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL, edp.eventsDeadLetterQueueUrl());
        ctx.export(StackExports.TABLE_NAME, edp.tableName());
        ctx.export(StackExports.NOTIFICATIONS_TOPIC_ARN, edp.notificationsTopicArn());
        ctx.export(StackExports.ALARMS_TOPIC_ARN, edp.alarmsTopicArn());
        ctx.export(StackExports.STATE_MACHINE_ARN, edp.stateMachineArn());
        ctx.export(StackExports.INGEST_BUCKET_NAME, edp.ingestBucketName());
        ctx.export(StackExports.CURATED_BUCKET_NAME, edp.curatedBucketName());
        ctx.export(StackExports.AUDIT_BUCKET_NAME, edp.auditBucketName());
        ctx.export(StackExports.KEY_ARN, edp.keyArn());
        ctx.export(StackExports.DASHBOARD_NAME, edp.dashboardName());
    }
}
