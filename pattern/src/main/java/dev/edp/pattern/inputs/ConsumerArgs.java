package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import dev.edp.pattern.config.PatternSettings.Kind;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event consumer: a rule on the bus (its {@link #eventPattern()}, or the uploads of a {@link #fileSource()})
 * and what the rule delivers to, by {@link #kind()}:
 * <ul>
 *   <li>{@code queue} (default): SQS queue (+ DLQ) → the consumer's function, through an event source mapping that
 *       reports partial batch failures;</li>
 *   <li>{@code function}: the function invoked asynchronously (seed 004's "Lambda Direct"), with Lambda's own
 *       retries and an on-failure destination to the consumer's DLQ;</li>
 *   <li>{@code workflow}: a Step Functions state machine, yours ({@link #workflow()}: a definition or an existing
 *       ARN);</li>
 *   <li>{@code topic}: an SNS topic (created, or {@link #topicArn()}) fanning out to {@link #subscriptions()};</li>
 *   <li>{@code bus}: another event bus, in this or another account ({@link #targetBusArn()}).</li>
 * </ul>
 * Every kind has a dead-letter queue for what EventBridge (or Lambda) could not deliver, its alarms and its
 * dashboard widgets. Renaming a consumer replaces its resources (README, Upgrading).
 */
public final class ConsumerArgs extends FunctionAccessArgs {

    /** Unique name, lowercase letters, digits and dashes, 1..30 characters; prefixes its resources' names. */
    @Import(name = "name", required = true)
    private String name;

    /** Set false to leave the consumer out (e.g. in one environment). Default true. */
    @Import(name = "enabled")
    private @Nullable Boolean enabled;

    /** What the consumer is for, shown on its resources. */
    @Import(name = "description")
    private @Nullable String description;

    /** {@code queue} (default), {@code function}, {@code workflow}, {@code topic} or {@code bus}. */
    @OneOf(value = Kind.class, schemaName = "ConsumerKind")
    @Import(name = "kind")
    private @Nullable String kind;

    /** EventBridge event pattern (a JSON object) of the events this consumer receives. Either this or {@link #fileSource()}. */
    @Import(name = "eventPattern")
    private @Nullable String eventPattern;

    /** Name of a file source ({@code fileSources[].name}): the consumer receives its "Object Created" events. */
    @Import(name = "fileSource")
    private @Nullable String fileSource;

    /** JSONPath of the part of the event to deliver (EventBridge {@code InputPath}), e.g. {@code $.detail}. */
    @Import(name = "inputPath")
    private @Nullable String inputPath;

    /** An EventBridge input transformer reshaping the event before delivery; instead of {@link #inputPath()}. */
    @Import(name = "inputTransformer")
    private @Nullable InputTransformerArgs inputTransformer;

    /** Queue, DLQ, mapping and rule-target settings over {@code queueDefaults} (every kind has a DLQ and a target). */
    @Import(name = "queue")
    private @Nullable QueueDefaultsArgs queue;

    /** A FIFO queue (kind {@code queue}, ordered per message group). Needs {@link #messageGroupId()}. Default false. */
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

    /** Kind {@code function}: times Lambda retries a failed asynchronous invocation, 0..2. Default 2. */
    @Import(name = "retryAttempts")
    private @Nullable Integer retryAttempts;

    /** Kind {@code function}: seconds Lambda keeps an event it could not yet process, 60..21600. Default 21600. */
    @Import(name = "maxEventAgeSeconds")
    private @Nullable Integer maxEventAgeSeconds;

    /** Kind {@code workflow}: the state machine (a definition with its tasks, or an existing ARN). */
    @Import(name = "workflow")
    private @Nullable WorkflowArgs workflow;

    /** Kind {@code topic}: an existing SNS topic's ARN to publish to; unset: the pattern creates an encrypted topic. */
    @Import(name = "topicArn")
    private @Nullable Output<String> topicArn;

    /** Kind {@code topic}: subscriptions to the consumer's topic ({@code topic} left unset). */
    @Import(name = "subscriptions")
    private @Nullable List<SubscriptionArgs> subscriptions;

    /** Kind {@code bus}: ARN of the bus to forward to (another account's bus must admit this account's PutEvents). */
    @Import(name = "targetBusArn")
    private @Nullable Output<String> targetBusArn;

    /** This consumer's alarm thresholds, over the pattern-wide {@code alarms}. */
    @Import(name = "alarms")
    private @Nullable AlarmArgs alarms;

    private ConsumerArgs() {
    }

    public String name() { return name; }
    public Optional<Boolean> enabled() { return Optional.ofNullable(enabled); }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<String> kind() { return Optional.ofNullable(kind); }
    public Optional<String> eventPattern() { return Optional.ofNullable(eventPattern); }
    public Optional<String> fileSource() { return Optional.ofNullable(fileSource); }
    public Optional<String> inputPath() { return Optional.ofNullable(inputPath); }
    public Optional<InputTransformerArgs> inputTransformer() { return Optional.ofNullable(inputTransformer); }
    public QueueDefaultsArgs queue() { return queue == null ? QueueDefaultsArgs.builder().build() : queue; }
    public Optional<Boolean> fifo() { return Optional.ofNullable(fifo); }
    public Optional<String> messageGroupId() { return Optional.ofNullable(messageGroupId); }
    public Optional<Integer> retryAttempts() { return Optional.ofNullable(retryAttempts); }
    public Optional<Integer> maxEventAgeSeconds() { return Optional.ofNullable(maxEventAgeSeconds); }
    public Optional<WorkflowArgs> workflow() { return Optional.ofNullable(workflow); }
    public Optional<Output<String>> topicArn() { return Optional.ofNullable(topicArn); }
    public List<SubscriptionArgs> subscriptions() { return subscriptions == null ? List.of() : subscriptions; }
    public Optional<Output<String>> targetBusArn() { return Optional.ofNullable(targetBusArn); }
    public AlarmArgs alarms() { return alarms == null ? AlarmArgs.builder().build() : alarms; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder extends FunctionAccessArgs.Builder<ConsumerArgs, Builder> {
        public Builder() {
            super(new ConsumerArgs());
        }

        public Builder name(String v) { args.name = v; return this; }
        public Builder enabled(@Nullable Boolean v) { args.enabled = v; return this; }
        public Builder description(@Nullable String v) { args.description = v; return this; }
        public Builder kind(@Nullable String v) { args.kind = v; return this; }
        public Builder kind(@Nullable Kind v) { return kind(ClosedSet.idOf(v)); }
        public Builder eventPattern(@Nullable String v) { args.eventPattern = v; return this; }
        public Builder fileSource(@Nullable String v) { args.fileSource = v; return this; }
        public Builder inputPath(@Nullable String v) { args.inputPath = v; return this; }
        public Builder inputTransformer(@Nullable InputTransformerArgs v) { args.inputTransformer = v; return this; }
        public Builder queue(@Nullable QueueDefaultsArgs v) { args.queue = v; return this; }
        public Builder fifo(@Nullable Boolean v) { args.fifo = v; return this; }
        public Builder messageGroupId(@Nullable String v) { args.messageGroupId = v; return this; }
        public Builder retryAttempts(@Nullable Integer v) { args.retryAttempts = v; return this; }
        public Builder maxEventAgeSeconds(@Nullable Integer v) { args.maxEventAgeSeconds = v; return this; }
        public Builder workflow(@Nullable WorkflowArgs v) { args.workflow = v; return this; }
        public Builder topicArn(@Nullable Output<String> v) { args.topicArn = v; return this; }
        public Builder topicArn(String v) { return topicArn(Output.of(v)); }
        public Builder subscriptions(@Nullable List<SubscriptionArgs> v) { args.subscriptions = v == null ? null : List.copyOf(v); return this; }
        public Builder subscriptions(SubscriptionArgs... v) { return subscriptions(List.of(v)); }
        public Builder targetBusArn(@Nullable Output<String> v) { args.targetBusArn = v; return this; }
        public Builder targetBusArn(String v) { return targetBusArn(Output.of(v)); }
        public Builder alarms(@Nullable AlarmArgs v) { args.alarms = v; return this; }

    }
}
