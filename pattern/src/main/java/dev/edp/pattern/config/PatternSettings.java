package dev.edp.pattern.config;

import com.pulumi.asset.Archive;
import com.pulumi.core.Output;
import dev.edp.pattern.inputs.Architecture;
import dev.edp.pattern.inputs.IamStatementArgs;
import dev.edp.pattern.inputs.InputTransformerArgs;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.inputs.SubscriptionProtocol;
import dev.edp.pattern.inputs.WorkflowLogLevel;
import dev.edp.pattern.inputs.WorkflowType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration after the environment's preset and the user's layers are merged: every value known (or, for
 * references to other resources, an {@code Output}), validated once. The concern classes read only this.
 */
public record PatternSettings(
        String name,
        Environment environment,
        Optional<Output<String>> existingKeyArn,
        BusSettings bus,
        TableSettings table,
        List<SubscriptionSettings> subscriptions,
        List<ConsumerSettings> consumers,
        List<FileSourceSettings> fileSources,
        List<BucketSettings> buckets,
        List<ScheduleSettings> schedules,
        FunctionSettings functionDefaults,
        QueueSettings queueDefaults,
        AuditSettings audit,
        AlarmSettings alarms,
        AccessLogSettings accessLogs,
        Map<String, String> tags) {

    public Optional<ConsumerSettings> consumer(String consumerName) {
        return consumers.stream().filter(c -> c.name().equals(consumerName)).findFirst();
    }

    /** A stack-unique prefix for physical names AWS wants set explicitly: {@code <name>-<environment>}. */
    public String physicalPrefix() {
        return name + "-" + environment.id();
    }

    public record FunctionSettings(Optional<Output<Archive>> code, Optional<Output<String>> codeS3Bucket,
                                   Optional<Output<String>> codeS3Key, Optional<Output<String>> codeS3ObjectVersion,
                                   String runtime, String handler, Optional<Output<List<String>>> layers,
                                   Optional<Output<List<String>>> subnetIds,
                                   Optional<Output<List<String>>> securityGroupIds, int ephemeralStorageMb,
                                   int memoryMb, int timeoutSeconds, Architecture architecture, int logRetentionDays,
                                   LogLevel logLevel, int provisionedConcurrency, Integer reservedConcurrency,
                                   int maximumConcurrency, boolean snapStart) {

        /** Versions must be published (and invoked through an alias) for SnapStart and provisioned concurrency. */
        public boolean needsPublishedAlias() {
            return snapStart || provisionedConcurrency > 0;
        }
    }

    public record QueueSettings(int maxReceiveCount, int visibilityTimeoutSeconds, int messageRetentionSeconds,
                                int dlqRetentionSeconds, int batchSize, int maximumBatchingWindowSeconds,
                                int targetRetryAttempts, int targetMaxEventAgeSeconds) {
    }

    /** What a consumer's rule delivers to. */
    public enum Kind implements dev.edp.pattern.inputs.ClosedSet {
        /** SQS queue (+ DLQ) to the consumer's function (the default). */
        QUEUE,
        /** The function, invoked asynchronously. */
        FUNCTION,
        /** A Step Functions state machine. */
        WORKFLOW,
        /** An SNS topic and its subscriptions. */
        TOPIC,
        /** Another event bus. */
        BUS;

        @Override
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean hasFunction() {
            return this == QUEUE || this == FUNCTION;
        }

        public static Optional<Kind> parse(String id) {
            return dev.edp.pattern.inputs.ClosedSet.parse(Kind.class, id);
        }
    }

    /**
     * One consumer. Exactly one of {@code eventPattern} and {@code fileSource} is set; {@code function} is set for
     * the kinds with a function, {@code workflow} for kind workflow.
     */
    public record ConsumerSettings(String name, String description, Kind kind, Optional<String> eventPattern,
                                   Optional<String> fileSource, Optional<String> inputPath,
                                   Optional<InputTransformerArgs> inputTransformer,
                                   Optional<FunctionSettings> function, List<Grant> grants,
                                   List<IamStatementArgs> statements, Map<String, String> environment,
                                   QueueSettings queue, boolean fifo, Optional<String> messageGroupId,
                                   int retryAttempts, int maxEventAgeSeconds, Optional<WorkflowSettings> workflow,
                                   Optional<Output<String>> topicArn, List<SubscriptionSettings> subscriptions,
                                   Optional<Output<String>> targetBusArn, AlarmSettings alarms) {
    }

    public record WorkflowSettings(Optional<String> definition, Map<String, Output<String>> substitutions,
                                   Optional<Output<String>> existingStateMachineArn, WorkflowType type,
                                   List<TaskSettings> tasks, List<Grant> grants, List<IamStatementArgs> statements,
                                   WorkflowLogLevel logLevel, boolean includeExecutionData) {
    }

    public record TaskSettings(String name, String description, FunctionSettings function, List<Grant> grants,
                               List<IamStatementArgs> statements, Map<String, String> environment) {
    }

    public record BusSettings(Optional<Output<String>> existingBusName, List<String> producerAccountIds,
                              boolean archive, int archiveRetentionDays, boolean schemaRegistry,
                              boolean schemaDiscovery, boolean encryptWithPatternKey, List<SchemaSettings> schemas) {
    }

    public record SchemaSettings(String name, String description, String content) {
    }

    public record TableKey(String name, String type) {
    }

    public record TableIndex(String name, TableKey partitionKey, Optional<TableKey> sortKey, String projectionType,
                             List<String> nonKeyAttributes) {
    }

    public record TableSettings(boolean enabled, Optional<Output<String>> existingTableName, TableKey partitionKey,
                                Optional<TableKey> sortKey, List<TableIndex> globalSecondaryIndexes,
                                boolean deletionProtection, boolean streamEnabled, String ttlAttribute) {
    }

    /** {@code consumerEndpoint}: the consumer of this pattern an endpoint {@code consumer:<name>} names. */
    public record SubscriptionSettings(String topic, SubscriptionProtocol protocol, Output<String> endpoint,
                                       Optional<String> filterPolicy, boolean rawMessageDelivery,
                                       Optional<String> consumerEndpoint) {

        /** An endpoint {@code consumer:<name>} means that consumer's queue (sqs) or function (lambda). */
        public static final String CONSUMER_PREFIX = "consumer:";
    }

    public record AccessLogSettings(boolean enabled, int expireAfterDays) {
    }

    public record FileSourceSettings(String name, Optional<Output<String>> existingBucketName, Optional<String> prefix,
                                     List<String> suffixes) {
    }

    public record BucketSettings(String name, Optional<Integer> expireAfterDays) {
    }

    public record ScheduleSettings(String name, String expression, String timezone, String description,
                                   Optional<String> consumer, String source, String detailType, String detail,
                                   boolean enabled) {
    }

    public record AuditSettings(boolean enabled, int infrequentAccessAfterDays, int glacierAfterDays,
                                int expireAfterDays, int bufferingSeconds, int bufferingMb) {
    }

    public record AlarmSettings(boolean enabled, boolean dashboard, int periodSeconds,
                                double eventBridgeFailedInvocations, double lambdaErrors, double lambdaDurationP99Ms,
                                double lambdaThrottles, double queueDepth, double queueOldestMessageAgeSeconds,
                                double dlqMessages, double workflowFailed, double workflowThrottled) {
    }
}
