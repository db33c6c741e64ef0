package dev.edp.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.edp.events.StackExports;
import dev.edp.pattern.EventDrivenPattern;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.Problems;
import dev.edp.reference.CostReportPipeline;
import dev.edp.reference.SeedApplication;
import dev.edp.reference.workflow.OrderWorkflow;

import java.util.Map;

/**
 * The program behind {@code pulumi up}: stack config → the pattern's Args with the seeds' application added
 * ({@link SeedApplication}, on the pattern's public API) → the component → exports. Also what {@code ./edp synth}
 * runs under Pulumi's mock engine.
 */
public final class EdpStack {

    private EdpStack() {
    }

    public static void define(Context ctx) {
        StackConfig.Bound config = StackConfig.read(EngineConfig.namespace(ctx.config(StackConfig.NAMESPACE),
                StackConfig.NAMESPACE));
        Problems problems = new Problems();
        EventDrivenPatternArgs args = SeedApplication.addTo(config.pattern(), config.seed(), problems);
        problems.throwIfAny();
        EventDrivenPattern edp = new EventDrivenPattern(config.name(), args, null);

        ctx.export(StackExports.BUS_NAME, edp.busName());
        ctx.export(StackExports.BUS_ARN, edp.busArn());
        ctx.export(StackExports.ARCHIVE_NAME, edp.archiveName());
        ctx.export(StackExports.QUEUE_URLS, edp.queueUrls());
        ctx.export(StackExports.DEAD_LETTER_QUEUE_URLS, edp.deadLetterQueueUrls());
        ctx.export(StackExports.LOG_GROUP_NAMES, edp.logGroupNames());
        ctx.export(StackExports.FUNCTION_ARNS, edp.functionArns());
        ctx.export(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL, edp.eventsDeadLetterQueueUrl());
        ctx.export(StackExports.TABLE_NAME, edp.tableName());
        ctx.export(StackExports.NOTIFICATIONS_TOPIC_ARN, edp.notificationsTopicArn());
        ctx.export(StackExports.ALARMS_TOPIC_ARN, edp.alarmsTopicArn());
        ctx.export(StackExports.STATE_MACHINE_ARNS, edp.stateMachineArns());
        ctx.export(StackExports.BUCKET_NAMES, edp.bucketNames());
        // The names the tools (./edp local, dlq, replay, cur) and the README have always read.
        ctx.export(StackExports.STATE_MACHINE_ARN, entry(edp.stateMachineArns(), OrderWorkflow.NAME));
        ctx.export(StackExports.INGEST_BUCKET_NAME, entry(edp.bucketNames(), CostReportPipeline.INGEST));
        ctx.export(StackExports.CURATED_BUCKET_NAME, entry(edp.bucketNames(), CostReportPipeline.CURATED));
        ctx.export(StackExports.AUDIT_BUCKET_NAME, edp.auditBucketName());
        ctx.export(StackExports.KEY_ARN, edp.keyArn());
        ctx.export(StackExports.DASHBOARD_NAME, edp.dashboardName());
    }

    private static Output<String> entry(Output<Map<String, String>> map, String key) {
        return map.applyValue(m -> m.getOrDefault(key, ""));
    }
}
