package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/**
 * Settings every consumer's queue, dead-letter queue, event source mapping and EventBridge target start from.
 * Unset fields take the environment's preset; each consumer can override them.
 */
public final class QueueDefaultsArgs extends ResourceArgs {


    /** Receives before a message moves to the DLQ, 1..1000. Default 3 (seed 000: "DLQ after 3 retries"). */
    @Import(name = "maxReceiveCount")
    private @Nullable Integer maxReceiveCount;

    /** Queue visibility timeout in seconds, 0..43200. Default: 6 x the function timeout (AWS guidance); smaller is rejected. */
    @Import(name = "visibilityTimeoutSeconds")
    private @Nullable Integer visibilityTimeoutSeconds;

    /** Seconds the queue keeps a message, 60..1209600, less than {@link #dlqRetentionSeconds()}. Preset: dev 345600, staging 345600, prod 604800 (4, 4 and 7 days). */
    @Import(name = "messageRetentionSeconds")
    private @Nullable Integer messageRetentionSeconds;

    /**
     * Seconds the DLQ keeps a message, 60..1209600, more than {@link #messageRetentionSeconds()} (SQS counts a
     * moved message's age from its first enqueue). Default 1209600 (14 days, the most SQS allows; seed 000).
     */
    @Import(name = "dlqRetentionSeconds")
    private @Nullable Integer dlqRetentionSeconds;

    /** Records per Lambda invocation, 1..10000 (above 10 needs a batching window). Default 10. */
    @Import(name = "batchSize")
    private @Nullable Integer batchSize;

    /** Seconds Lambda waits to fill a batch, 0..300. Preset: dev 0, staging 1, prod 2. */
    @Import(name = "maximumBatchingWindowSeconds")
    private @Nullable Integer maximumBatchingWindowSeconds;

    /** Times EventBridge retries delivery to the queue, 0..185. Default 8. */
    @Import(name = "targetRetryAttempts")
    private @Nullable Integer targetRetryAttempts;

    /** Seconds EventBridge keeps retrying an undelivered event, 60..86400. Preset: dev 3600, staging 86400, prod 86400. */
    @Import(name = "targetMaxEventAgeSeconds")
    private @Nullable Integer targetMaxEventAgeSeconds;

    private QueueDefaultsArgs() {
    }

    public Optional<Integer> maxReceiveCount() { return Optional.ofNullable(maxReceiveCount); }
    public Optional<Integer> visibilityTimeoutSeconds() { return Optional.ofNullable(visibilityTimeoutSeconds); }
    public Optional<Integer> messageRetentionSeconds() { return Optional.ofNullable(messageRetentionSeconds); }
    public Optional<Integer> dlqRetentionSeconds() { return Optional.ofNullable(dlqRetentionSeconds); }
    public Optional<Integer> batchSize() { return Optional.ofNullable(batchSize); }
    public Optional<Integer> maximumBatchingWindowSeconds() { return Optional.ofNullable(maximumBatchingWindowSeconds); }
    public Optional<Integer> targetRetryAttempts() { return Optional.ofNullable(targetRetryAttempts); }
    public Optional<Integer> targetMaxEventAgeSeconds() { return Optional.ofNullable(targetMaxEventAgeSeconds); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final QueueDefaultsArgs args = new QueueDefaultsArgs();

        public Builder maxReceiveCount(@Nullable Integer v) { args.maxReceiveCount = v; return this; }
        public Builder visibilityTimeoutSeconds(@Nullable Integer v) { args.visibilityTimeoutSeconds = v; return this; }
        public Builder messageRetentionSeconds(@Nullable Integer v) { args.messageRetentionSeconds = v; return this; }
        public Builder dlqRetentionSeconds(@Nullable Integer v) { args.dlqRetentionSeconds = v; return this; }
        public Builder batchSize(@Nullable Integer v) { args.batchSize = v; return this; }
        public Builder maximumBatchingWindowSeconds(@Nullable Integer v) { args.maximumBatchingWindowSeconds = v; return this; }
        public Builder targetRetryAttempts(@Nullable Integer v) { args.targetRetryAttempts = v; return this; }
        public Builder targetMaxEventAgeSeconds(@Nullable Integer v) { args.targetMaxEventAgeSeconds = v; return this; }

        public QueueDefaultsArgs build() { return args; }
    }
}
