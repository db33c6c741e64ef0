package dev.edp.pattern;

import com.pulumi.core.Output;
import dev.edp.events.FunctionEnvironment;
import dev.edp.pattern.bus.EventBusResources;
import dev.edp.pattern.config.Grant;
import dev.edp.pattern.config.Placeholders;
import dev.edp.pattern.iam.Statement;
import dev.edp.pattern.inputs.IamStatementArgs;
import dev.edp.pattern.keys.PatternKey;
import dev.edp.pattern.storage.BucketRef;
import dev.edp.pattern.table.StateTable;
import dev.edp.pattern.topics.Topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The resources functions and state machines share (key, bus, table, topics, buckets, workflows), and the one
 * place that turns a {@link Grant} into IAM statements, the shared resources into the EDP_* environment variables,
 * and {@code ${...}} placeholders into their values. Consumers and workflow tasks get their access from here, so a
 * grant means the same thing everywhere.
 */
public final class SharedResources {

    private final PatternContext ctx;
    private final PatternKey key;
    private final EventBusResources bus;
    private final Optional<StateTable> table;
    private final Topics topics;
    private final Map<String, BucketRef> buckets = new LinkedHashMap<>();
    private final Map<String, Output<String>> workflows = new LinkedHashMap<>();
    private final Map<String, Output<String>> fileSourcePatterns = new LinkedHashMap<>();

    public SharedResources(PatternContext ctx, PatternKey key, EventBusResources bus, Optional<StateTable> table,
                           Topics topics) {
        this.ctx = ctx;
        this.key = key;
        this.bus = bus;
        this.table = table;
        this.topics = topics;
    }

    public PatternKey key() { return key; }
    public EventBusResources bus() { return bus; }
    public Optional<StateTable> table() { return table; }
    public Topics topics() { return topics; }

    /** Buckets by name (file sources' and data buckets), in creation order. */
    public Map<String, BucketRef> buckets() {
        return buckets;
    }

    /** Workflow consumers' state machines by consumer name. */
    public Map<String, Output<String>> workflows() {
        return workflows;
    }

    public void addBucket(String name, BucketRef bucket) {
        buckets.put(name, bucket);
    }

    /** A file source's bucket and the event pattern of its uploads on the pattern's bus. */
    public void addFileSource(String name, BucketRef bucket, Output<String> eventPattern) {
        buckets.put(name, bucket);
        fileSourcePatterns.put(name, eventPattern);
    }

    /** The event pattern matching a file source's uploads. */
    public Output<String> fileSourcePattern(String name) {
        return fileSourcePatterns.get(name);
    }

    public void addWorkflow(String consumerName, Output<String> stateMachineArn) {
        workflows.put(consumerName, stateMachineArn);
    }

    /** The environment variables of a function: the EDP_* ones, then the user's (placeholders filled in). */
    public Map<String, Output<String>> environment(String consumerName, Map<String, String> own) {
        Map<String, Output<String>> env = new TreeMap<>();
        env.put(FunctionEnvironment.ENVIRONMENT, Output.of(ctx.settings().environment().id()));
        table.ifPresent(t -> env.put(FunctionEnvironment.TABLE_NAME, t.name()));
        env.put(FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN, topics.notifications().arn());
        env.put(FunctionEnvironment.EVENT_BUS_NAME, bus.name());
        env.put(FunctionEnvironment.CONSUMER, Output.of(consumerName));
        Map<String, Output<String>> values = placeholderValues(Map.of());
        own.forEach((name, value) -> env.put(name, Placeholders.fill(value, values)));
        return env;
    }

    /** What each placeholder stands for; {@code extra} adds a definition's own (tasks, substitutions). */
    public Map<String, Output<String>> placeholderValues(Map<String, Output<String>> extra) {
        Map<String, Output<String>> values = new HashMap<>();
        values.put("edp:busName", bus.name());
        values.put("edp:busArn", bus.arn());
        table.ifPresent(t -> {
            values.put("edp:tableName", t.name());
            values.put("edp:tableArn", t.arn());
        });
        values.put("edp:notificationsTopicArn", topics.notifications().arn());
        values.put("edp:alarmsTopicArn", topics.alarms().arn());
        values.put("edp:keyArn", key.arn());
        values.put("aws:partition", ctx.partition());
        values.put("aws:region", ctx.region());
        values.put("aws:accountId", ctx.accountId());
        buckets.forEach((name, bucket) -> {
            values.put("bucket:" + name, bucket.name());
            values.put("bucket:" + name + ":arn", bucket.arn());
        });
        workflows.forEach((name, arn) -> values.put("workflow:" + name, arn));
        values.putAll(extra);
        return values;
    }

    /** Exactly the actions each grant needs, on exactly the resource it names, then the user's own statements. */
    public List<Statement> statements(List<Grant> grants, List<IamStatementArgs> own) {
        List<Statement> statements = new ArrayList<>();
        for (Grant grant : grants) {
            switch (grant.kind()) {
                case TABLE_READ -> table.ifPresent(t -> statements.add(Statement.allow("dynamodb:GetItem",
                        "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem").sid("ReadTable")
                        .on(t.arn(), t.indexesArn())));
                case TABLE_WRITE -> table.ifPresent(t -> statements.add(Statement.allow("dynamodb:PutItem",
                        "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
                        "dynamodb:ConditionCheckItem").sid("WriteTable").on(t.arn())));
                case NOTIFICATIONS_PUBLISH -> statements.add(Statement.allow("sns:Publish")
                        .sid("PublishNotifications").on(topics.notifications().arn()));
                case BUS_PUT_EVENTS -> statements.add(Statement.allow("events:PutEvents")
                        .sid("PutEventsOnBus").on(bus.arn()));
                case WORKFLOW_CALLBACK -> {
                    Output<String> arn = workflows.get(grant.target());
                    // The task token is the capability: AWS authorizes SendTask* on no resource type (Service
                    // Authorization Reference, AWS Step Functions), so a state machine ARN here would never match.
                    statements.add(Statement.allow(
                                    "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat")
                            .sid("Complete" + sidPart(grant.target()) + "Tasks")
                            .onEveryResource("Step Functions' SendTask* actions support no resource-level"
                                    + " permissions; the caller's task token names the one task"));
                    // The state machine is encrypted with the pattern key: Step Functions encrypts the task's
                    // output (or error and cause) with it on the caller's behalf.
                    statements.add(useOfStateMachineKey(key.arn(), arn).sid("Encrypt" + sidPart(grant.target())
                            + "TaskResults"));
                }
                case BUCKET_READ -> statements.add(Statement.allow("s3:GetObject", "s3:GetObjectVersion")
                        .sid("Read" + sidPart(grant.target())).on(buckets.get(grant.target()).objectsArn()));
                // A prefix limits writes to its keys (e.g. curated copies under curated/, which a newer version of
                // a report replaces: delete included).
                case BUCKET_WRITE -> statements.add(Statement.allow("s3:PutObject", "s3:DeleteObject",
                                "s3:AbortMultipartUpload").sid("Write" + sidPart(grant.target()))
                        .on(buckets.get(grant.target()).arn().applyValue(arn -> arn + "/" + grant.prefix() + "*")));
            }
        }
        if (grants.stream().anyMatch(Grant::encrypts)) {
            // Writing to the encrypted topic, bus, table or buckets needs data keys from the pattern key.
            statements.add(Statement.allow("kms:GenerateDataKey").sid("EncryptWithPatternKey").on(key.arn()));
        }
        for (int i = 0; i < own.size(); i++) {
            IamStatementArgs s = own.get(i);
            statements.add(Statement.allow(s.actions()).sid(s.sid().orElse("Own" + (i + 1)))
                    .on(s.resources().stream().map(SharedResources::refuseWildcard).toList()));
        }
        return statements;
    }

    /**
     * What every caller of an encrypted state machine needs besides the {@code states:} action: whoever calls
     * {@code StartExecution} (its input) or {@code SendTaskSuccess}/{@code SendTaskFailure} (their output, error and
     * cause) has Step Functions encrypt that data with the state machine's key for it, so the caller needs
     * {@code kms:GenerateDataKey} and {@code kms:Decrypt} on the key. Scoped by the encryption context Step Functions
     * sets on every such call, so the grant is good for this state machine only. AWS Step Functions Developer Guide,
     * "Data at rest encryption" (https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html),
     * and the SendTaskFailure API reference.
     */
    public static Statement useOfStateMachineKey(Output<String> keyArn, Output<String> stateMachineArn) {
        return Statement.allow("kms:GenerateDataKey", "kms:Decrypt")
                .on(keyArn)
                .when("StringEquals", ENCRYPTION_CONTEXT_STATE_MACHINE, stateMachineArn);
    }

    /** The encryption context key Step Functions sets on the state machine's KMS calls. */
    public static final String ENCRYPTION_CONTEXT_STATE_MACHINE = "kms:EncryptionContext:aws:states:stateMachineArn";

    /** A resource that only becomes known at deploy time is still checked: never {@code *}. */
    private static Output<String> refuseWildcard(Output<String> resource) {
        return resource.applyValue(r -> {
            if ("*".equals(r)) {
                throw new IllegalArgumentException("refusing resource '*' in an extra IAM statement: name the resources");
            }
            return r;
        });
    }

    /** {@code cur-ingest} → {@code CurIngest}: names in statement ids (letters and digits only). */
    static String sidPart(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
