package dev.edp.stack;

import com.pulumi.Context;
import com.pulumi.core.Output;
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

        ctx.export("busName", edp.busName());
        ctx.export("busArn", edp.busArn());
        ctx.export("archiveName", edp.archiveName());
        ctx.export("queueUrls", edp.queueUrls());
        ctx.export("deadLetterQueueUrls", edp.deadLetterQueueUrls());
        ctx.export("logGroupNames", edp.logGroupNames());
        ctx.export("functionArns", edp.functionArns());
        ctx.export("eventsDeadLetterQueueUrl", edp.eventsDeadLetterQueueUrl());
        ctx.export("tableName", edp.tableName());
        ctx.export("notificationsTopicArn", edp.notificationsTopicArn());
        ctx.export("alarmsTopicArn", edp.alarmsTopicArn());
        ctx.export("stateMachineArns", edp.stateMachineArns());
        ctx.export("bucketNames", edp.bucketNames());
        // The names the tools (./edp local, dlq, replay, cur) and the README have always read.
        ctx.export("stateMachineArn", entry(edp.stateMachineArns(), OrderWorkflow.NAME));
        ctx.export("ingestBucketName", entry(edp.bucketNames(), CostReportPipeline.INGEST));
        ctx.export("curatedBucketName", entry(edp.bucketNames(), CostReportPipeline.CURATED));
        ctx.export("auditBucketName", edp.auditBucketName());
        ctx.export("keyArn", edp.keyArn());
        ctx.export("dashboardName", edp.dashboardName());
    }

    private static Output<String> entry(Output<Map<String, String>> map, String key) {
        return map.applyValue(m -> m.getOrDefault(key, ""));
    }
}
