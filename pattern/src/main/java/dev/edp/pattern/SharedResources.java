package dev.edp.pattern;

import com.pulumi.core.Output;
import dev.edp.pattern.bus.EventBusResources;
import dev.edp.pattern.config.Grant;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.keys.PatternKey;
import dev.edp.pattern.storage.BucketRef;
import dev.edp.pattern.table.StateTable;
import dev.edp.pattern.topics.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The resources functions share (key, bus, table, topics, buckets, workflow), and the one place that turns a
 * {@link Grant} into IAM statements and the shared resources into the EDP_* environment variables. Consumers and
 * workflow tasks get their access from here, so a grant means the same thing everywhere.
 */
public record SharedResources(
        PatternKey key,
        EventBusResources bus,
        StateTable table,
        Topics topics,
        Optional<BucketRef> ingestBucket,
        Optional<BucketRef> curatedBucket,
        Optional<Output<String>> stateMachineArn) {

    /** Where the CUR consumer writes curated copies in the curated bucket (runtime/README.md). */
    public static final String CURATED_PREFIX = "curated/";

    /** The environment variables every function gets; the runtime reads exactly these names. */
    public Map<String, Output<String>> environment(PatternContext ctx) {
        Map<String, Output<String>> env = new TreeMap<>();
        env.put("EDP_ENVIRONMENT", Output.of(ctx.settings().environment().id()));
        env.put("EDP_TABLE_NAME", table.name());
        env.put("EDP_NOTIFICATIONS_TOPIC_ARN", topics.notifications().arn());
        env.put("EDP_EVENT_BUS_NAME", bus.name());
        curatedBucket.ifPresent(b -> env.put("EDP_CURATED_BUCKET", b.name()));
        stateMachineArn.ifPresent(arn -> env.put("EDP_STATE_MACHINE_ARN", arn));
        return env;
    }

    /** Exactly the actions each grant needs, on exactly the resource it names. */
    public List<Statement> statements(Set<Grant> grants) {
        List<Statement> statements = new ArrayList<>();
        for (Grant grant : grants) {
            switch (grant) {
                case TABLE_READ -> statements.add(Statement.allow("dynamodb:GetItem", "dynamodb:BatchGetItem",
                        "dynamodb:Query", "dynamodb:ConditionCheckItem").sid("ReadTable").on(table.arn()));
                case TABLE_WRITE -> statements.add(Statement.allow("dynamodb:PutItem", "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem")
                        .sid("WriteTable").on(table.arn()));
                case NOTIFICATIONS_PUBLISH -> statements.add(Statement.allow("sns:Publish")
                        .sid("PublishNotifications").on(topics.notifications().arn()));
                case BUS_PUT_EVENTS -> statements.add(Statement.allow("events:PutEvents")
                        .sid("PutEventsOnBus").on(bus.arn()));
                case WORKFLOW_CALLBACK -> stateMachineArn.ifPresent(arn -> {
                    // The task token is the capability: AWS authorizes SendTask* on no resource type (Service
                    // Authorization Reference, AWS Step Functions), so a state machine ARN here would never match.
                    statements.add(Statement.allow(
                                    "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat")
                            .sid("CompleteWorkflowTasks")
                            .onEveryResource("Step Functions' SendTask* actions support no resource-level"
                                    + " permissions; the caller's task token names the one task"));
                    // The state machine is encrypted with the pattern key: Step Functions encrypts the task's
                    // output (or error and cause) with it on the caller's behalf.
                    statements.add(dev.edp.pattern.workflow.Workflow.useOfStateMachineKey(key.arn(), arn)
                            .sid("EncryptWorkflowTaskResults"));
                });
                case INGEST_READ -> ingestBucket.ifPresent(b -> statements.add(Statement.allow("s3:GetObject",
                        "s3:GetObjectVersion").sid("ReadIngestedFiles").on(b.objectsArn())));
                // Curated copies live under curated/; a newer version of a report replaces (deletes) the older copy.
                case CURATED_WRITE -> curatedBucket.ifPresent(b -> statements.add(Statement.allow("s3:PutObject",
                        "s3:DeleteObject", "s3:AbortMultipartUpload").sid("WriteCuratedFiles")
                        .on(b.arn().applyValue(arn -> arn + "/" + CURATED_PREFIX + "*"))));
            }
        }
        if (grants.stream().anyMatch(g -> g != Grant.TABLE_READ && g != Grant.WORKFLOW_CALLBACK)) {
            // Writing to the encrypted topic, bus, table or buckets needs data keys from the pattern key.
            statements.add(Statement.allow("kms:GenerateDataKey").sid("EncryptWithPatternKey").on(key.arn()));
        }
        return statements;
    }
}
