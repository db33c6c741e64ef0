package dev.edp.pattern;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.edp.pattern.config.Environment;
import dev.edp.pattern.inputs.AccessLogArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BucketArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FileSourceArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.KeyArgs;
import dev.edp.pattern.inputs.OneOf;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.ScheduleArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.TableArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link EventDrivenPattern} builds, in one object: the public contract of the package.
 *
 * <p>Only {@link #environment()} is required: with it alone the component is the bare pattern (key, bus with
 * archive, registry and discoverer, table, topics, audit trail, alarms and dashboard; no function). Every other
 * field is optional: unset, it takes the environment's preset (dev, staging, prod: seed 004's per-environment
 * settings). Values that shape the graph (names, kinds, sizes) are plain and validated once, at construction,
 * every problem reported together with its path; references to other resources (an existing key, bus, table or
 * bucket, code in S3, subscription endpoints) are {@code Output}s, with plain overloads in the builders.
 *
 * <pre>{@code
 * var edp = new EventDrivenPattern("orders", EventDrivenPatternArgs.builder()
 *         .environment("prod")
 *         .consumers(ConsumerArgs.builder()
 *                 .name("billing")
 *                 .eventPattern("{\"source\":[\"billing\"]}")
 *                 .function(FunctionArgs.builder()
 *                         .code(new FileArchive("billing/target/billing.jar"))
 *                         .handler("com.acme.BillingHandler::handleRequest")
 *                         .build())
 *                 .grants("table:write")
 *                 .build())
 *         .build(), null);
 * }</pre>
 */
public final class EventDrivenPatternArgs extends ResourceArgs {

    /** {@code dev}, {@code staging} or {@code prod}: picks the preset every unset field takes. */
    @OneOf(Environment.class)
    @Import(name = "environment", required = true)
    private String environment;

    /** The KMS key: created, or yours ({@code existingKeyArn}). */
    @Import(name = "key")
    private @Nullable KeyArgs key;

    /** The event bus (created, or yours), its archive, schema registry, discoverer and your schemas. */
    @Import(name = "bus")
    private @Nullable BusArgs bus;

    /** The DynamoDB table: created (its keys and indexes yours to shape), yours, or none. */
    @Import(name = "table")
    private @Nullable TableArgs table;

    /** Subscriptions to the notifications and alarms topics. */
    @Import(name = "subscriptions")
    private @Nullable List<SubscriptionArgs> subscriptions;

    /** The consumers of events on the bus, each of a kind (queue, function, workflow, topic, bus). Default none. */
    @Import(name = "consumers")
    private @Nullable List<ConsumerArgs> consumers;

    /** Buckets whose uploads become events on the bus. Default none. */
    @Import(name = "fileSources")
    private @Nullable List<FileSourceArgs> fileSources;

    /** Data buckets the pattern creates for consumers to write to. Default none. */
    @Import(name = "buckets")
    private @Nullable List<BucketArgs> buckets;

    /** Schedules putting events on the bus or invoking a consumer. Default none. */
    @Import(name = "schedules")
    private @Nullable List<ScheduleArgs> schedules;

    /** Settings every function (consumers' and workflow tasks') starts from, code and runtime included. */
    @Import(name = "functionDefaults")
    private @Nullable FunctionArgs functionDefaults;

    /** Settings every queue, DLQ, mapping and rule target starts from. */
    @Import(name = "queueDefaults")
    private @Nullable QueueDefaultsArgs queueDefaults;

    /** The audit trail. */
    @Import(name = "audit")
    private @Nullable AuditArgs audit;

    /** S3 server access logging of the buckets the pattern creates, into one log bucket. */
    @Import(name = "accessLogs")
    private @Nullable AccessLogArgs accessLogs;

    /** Alarm thresholds and the dashboard. */
    @Import(name = "alarms")
    private @Nullable AlarmArgs alarms;

    /** Tags on every resource that takes tags, beside {@code edp:pattern} and {@code edp:environment}. */
    @Import(name = "tags")
    private @Nullable Map<String, String> tags;

    private EventDrivenPatternArgs() {
    }

    public String environment() { return environment; }
    public KeyArgs key() { return key == null ? KeyArgs.builder().build() : key; }
    public BusArgs bus() { return bus == null ? BusArgs.builder().build() : bus; }
    public TableArgs table() { return table == null ? TableArgs.builder().build() : table; }
    public List<SubscriptionArgs> subscriptions() { return subscriptions == null ? List.of() : subscriptions; }
    public List<ConsumerArgs> consumers() { return consumers == null ? List.of() : consumers; }
    public List<FileSourceArgs> fileSources() { return fileSources == null ? List.of() : fileSources; }
    public List<BucketArgs> buckets() { return buckets == null ? List.of() : buckets; }
    public List<ScheduleArgs> schedules() { return schedules == null ? List.of() : schedules; }
    public FunctionArgs functionDefaults() { return functionDefaults == null ? FunctionArgs.builder().build() : functionDefaults; }
    public QueueDefaultsArgs queueDefaults() { return queueDefaults == null ? QueueDefaultsArgs.builder().build() : queueDefaults; }
    public AuditArgs audit() { return audit == null ? AuditArgs.builder().build() : audit; }
    public AccessLogArgs accessLogs() { return accessLogs == null ? AccessLogArgs.builder().build() : accessLogs; }
    public AlarmArgs alarms() { return alarms == null ? AlarmArgs.builder().build() : alarms; }
    public Map<String, String> tags() { return tags == null ? Map.of() : tags; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final EventDrivenPatternArgs args = new EventDrivenPatternArgs();

        public Builder environment(String v) { args.environment = v; return this; }
        public Builder environment(Environment v) { return environment(ClosedSet.idOf(v)); }
        public Builder key(@Nullable KeyArgs v) { args.key = v; return this; }
        public Builder bus(@Nullable BusArgs v) { args.bus = v; return this; }
        public Builder table(@Nullable TableArgs v) { args.table = v; return this; }
        public Builder subscriptions(@Nullable List<SubscriptionArgs> v) { args.subscriptions = v == null ? null : List.copyOf(v); return this; }
        public Builder subscriptions(SubscriptionArgs... v) { return subscriptions(List.of(v)); }
        public Builder consumers(@Nullable List<ConsumerArgs> v) { args.consumers = v == null ? null : List.copyOf(v); return this; }
        public Builder consumers(ConsumerArgs... v) { return consumers(List.of(v)); }
        public Builder fileSources(@Nullable List<FileSourceArgs> v) { args.fileSources = v == null ? null : List.copyOf(v); return this; }
        public Builder fileSources(FileSourceArgs... v) { return fileSources(List.of(v)); }
        public Builder buckets(@Nullable List<BucketArgs> v) { args.buckets = v == null ? null : List.copyOf(v); return this; }
        public Builder buckets(BucketArgs... v) { return buckets(List.of(v)); }
        public Builder schedules(@Nullable List<ScheduleArgs> v) { args.schedules = v == null ? null : List.copyOf(v); return this; }
        public Builder schedules(ScheduleArgs... v) { return schedules(List.of(v)); }
        public Builder functionDefaults(@Nullable FunctionArgs v) { args.functionDefaults = v; return this; }
        public Builder queueDefaults(@Nullable QueueDefaultsArgs v) { args.queueDefaults = v; return this; }
        public Builder audit(@Nullable AuditArgs v) { args.audit = v; return this; }
        public Builder accessLogs(@Nullable AccessLogArgs v) { args.accessLogs = v; return this; }
        public Builder alarms(@Nullable AlarmArgs v) { args.alarms = v; return this; }
        public Builder tags(@Nullable Map<String, String> v) { args.tags = v == null ? null : Map.copyOf(v); return this; }

        public EventDrivenPatternArgs build() { return args; }
    }
}
