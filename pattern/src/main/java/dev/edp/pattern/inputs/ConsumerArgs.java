package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event consumer: a rule on the bus with {@link #eventPattern()} → an SQS queue (with its DLQ) → a Lambda
 * function running {@link #handler()} → an event source mapping that reports partial batch failures.
 *
 * <p>A consumer with the name of a seed consumer ({@code order-processor}, {@code inventory-processor},
 * {@code notification-processor}, {@code approval-processor}, {@code cur-ingest}) overrides only the fields it sets.
 */
public final class ConsumerArgs extends ResourceArgs {

    /** Unique name, lowercase letters, digits and dashes, 1..40 characters; prefixes its resources' names. */
    @Import(name = "name", required = true)
    private String name;

    /** What the consumer is for, shown on its resources. */
    @Import(name = "description")
    private @Nullable String description;

    /** EventBridge event pattern (JSON object) of the events this consumer receives. Required for new consumers. */
    @Import(name = "eventPattern")
    private @Nullable String eventPattern;

    /** Handler of the runtime jar, {@code package.Class::method}. Required for new consumers. */
    @Import(name = "handler")
    private @Nullable String handler;

    /** Set false to leave out a seed consumer. Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /** A FIFO queue (ordered per message group). Needs {@link #messageGroupId()}. Default false. */
    @Import(name = "fifo")
    private @Nullable Boolean fifo;

    /**
     * Message group EventBridge puts each message in when it sends to a FIFO queue; required with {@code fifo}.
     * A constant (one group: strict order, and one failing message holds back all others) or a JSON path into
     * the event that EventBridge resolves per event, e.g. {@code $.detail.order_id} (order per order; a poison
     * message holds back only its own group). At most 100 characters.
     */
    @Import(name = "messageGroupId")
    private @Nullable String messageGroupId;

    /**
     * What the function may touch beyond its own queue: {@code table:read}, {@code table:write},
     * {@code notifications:publish}, {@code bus:putEvents}, {@code workflow:callback}, {@code ingest:read},
     * {@code curated:write}. Each adds exactly the IAM actions on exactly that resource.
     */
    @Import(name = "grants")
    private @Nullable List<String> grants;

    /** Extra environment variables for the function (the pattern always sets the EDP_* ones). */
    @Import(name = "environment")
    private @Nullable Map<String, String> environment;

    /** Overrides of the function settings for this consumer only. */
    @Import(name = "function")
    private @Nullable FunctionDefaultsArgs function;

    /** Overrides of the queue settings for this consumer only. */
    @Import(name = "queue")
    private @Nullable QueueDefaultsArgs queue;

    /**
     * This consumer's own Lambda p99 duration alarm threshold in milliseconds, instead of
     * {@code alarms.lambdaDurationP99Ms} (for a function whose normal duration is far from the others'). Default:
     * the pattern-wide threshold; cur-ingest's is 300000 (5 minutes of its 15-minute timeout).
     */
    @Import(name = "durationAlarmP99Ms")
    private @Nullable Double durationAlarmP99Ms;

    private ConsumerArgs() {
    }

    public String name() { return name; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<String> eventPattern() { return Optional.ofNullable(eventPattern); }
    public Optional<String> handler() { return Optional.ofNullable(handler); }
    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<Boolean> fifo() { return Optional.ofNullable(fifo); }
    public Optional<Double> durationAlarmP99Ms() { return Optional.ofNullable(durationAlarmP99Ms); }
    public Optional<String> messageGroupId() { return Optional.ofNullable(messageGroupId); }
    public Optional<List<String>> grants() { return Optional.ofNullable(grants); }
    public Optional<Map<String, String>> environment() { return Optional.ofNullable(environment); }
    public FunctionDefaultsArgs function() { return function == null ? FunctionDefaultsArgs.Empty : function; }
    public QueueDefaultsArgs queue() { return queue == null ? QueueDefaultsArgs.Empty : queue; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final ConsumerArgs args = new ConsumerArgs();

        public Builder name(String v) { args.name = v; return this; }
        public Builder description(@Nullable String v) { args.description = v; return this; }
        public Builder eventPattern(@Nullable String v) { args.eventPattern = v; return this; }
        public Builder handler(@Nullable String v) { args.handler = v; return this; }
        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder fifo(@Nullable Boolean v) { args.fifo = v; return this; }
        public Builder durationAlarmP99Ms(@Nullable Double v) { args.durationAlarmP99Ms = v; return this; }
        public Builder messageGroupId(@Nullable String v) { args.messageGroupId = v; return this; }
        public Builder grants(@Nullable List<String> v) { args.grants = v == null ? null : List.copyOf(v); return this; }
        public Builder grants(String... v) { return grants(List.of(v)); }
        public Builder environment(@Nullable Map<String, String> v) { args.environment = v == null ? null : Map.copyOf(v); return this; }
        public Builder function(@Nullable FunctionDefaultsArgs v) { args.function = v; return this; }
        public Builder queue(@Nullable QueueDefaultsArgs v) { args.queue = v; return this; }

        public ConsumerArgs build() { return args; }
    }
}
