package dev.edp.pattern.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration after the environment's preset and the user's overrides are merged: every value known,
 * validated once. The concern classes (keys, bus, consumers, ...) read only this, never the raw Args.
 */
public record PatternSettings(
        String name,
        Environment environment,
        String runtimeJar,
        FunctionSettings functionDefaults,
        QueueSettings queueDefaults,
        List<ConsumerSettings> consumers,
        BusSettings bus,
        TableSettings table,
        List<SubscriptionSettings> subscriptions,
        WorkflowSettings workflow,
        AuditSettings audit,
        AlarmSettings alarms,
        CurIngestSettings curIngest,
        Map<String, String> tags,
        AccessLogSettings accessLogs) {

    public Optional<ConsumerSettings> consumer(String consumerName) {
        return consumers.stream().filter(c -> c.name().equals(consumerName)).findFirst();
    }

    public record FunctionSettings(int memoryMb, int timeoutSeconds, String architecture, int logRetentionDays,
                                   String logLevel, int provisionedConcurrency, Integer reservedConcurrency,
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

    /** One consumer. {@code eventPattern} is empty only for cur-ingest, whose pattern names the ingest bucket. */
    public record ConsumerSettings(String name, String description, Optional<String> eventPattern, String handler,
                                   boolean fifo, Optional<String> messageGroupId, Set<Grant> grants,
                                   Map<String, String> environment, FunctionSettings function, QueueSettings queue,
                                   Optional<Double> durationAlarmP99Ms) {
    }

    public record BusSettings(List<String> producerAccountIds, int archiveRetentionDays, boolean schemaDiscovery,
                              boolean encryptWithPatternKey, List<String> schemaEventTypes) {
    }

    public record TableSettings(boolean deletionProtection, boolean streamEnabled, String ttlAttribute) {
    }

    public record SubscriptionSettings(String topic, String protocol, String endpoint, Optional<String> filterPolicy,
                                       boolean rawMessageDelivery) {

        /** An endpoint {@code consumer:<name>} means that consumer's queue (sqs) or function (lambda). */
        public static final String CONSUMER_PREFIX = "consumer:";

        /** The consumer this subscription delivers to, if its endpoint names one. */
        public Optional<String> consumerEndpoint() {
            return endpoint != null && endpoint.startsWith(CONSUMER_PREFIX)
                    ? Optional.of(endpoint.substring(CONSUMER_PREFIX.length())) : Optional.empty();
        }
    }

    public record WorkflowSettings(boolean enabled, int approvalTimeoutSeconds, String logLevel,
                                   boolean includeExecutionData, FunctionSettings function) {
    }

    public record AccessLogSettings(boolean enabled, int expireAfterDays) {
    }

    public record AuditSettings(boolean enabled, int infrequentAccessAfterDays, int glacierAfterDays,
                                int expireAfterDays, int bufferingSeconds, int bufferingMb) {
    }

    public record AlarmSettings(boolean enabled, int periodSeconds, double eventBridgeFailedInvocations,
                                double lambdaErrors, double lambdaDurationP99Ms, double lambdaThrottles,
                                double queueDepth, double queueOldestMessageAgeSeconds, double dlqMessages,
                                double workflowFailed, double workflowThrottled) {
    }

    public record CurIngestSettings(boolean enabled, Optional<String> existingBucketName, List<String> suffixes,
                                    BigDecimal anomalyFactor, int anomalyWindowDays) {
    }
}
