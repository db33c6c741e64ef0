package dev.edp.pattern;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.AccessLogArgs;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.CurIngestArgs;
import dev.edp.pattern.inputs.FunctionDefaultsArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.StateTableArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.WorkflowArgs;

import javax.annotation.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link EventDrivenPattern} builds, in one object: the public contract of the package.
 *
 * <p>Only {@link #environment()} is required. Every other field is optional: unset, it takes the environment's
 * preset (dev, staging, prod: seed 004's per-environment settings), so the safe, complete stack is the default.
 * Values are plain (not {@code Output}s) because the whole configuration is validated once, at construction, and
 * every problem is reported together with the field it concerns.
 *
 * <pre>{@code
 * var edp = new EventDrivenPattern("orders", EventDrivenPatternArgs.builder()
 *         .environment("prod")
 *         .consumers(ConsumerArgs.builder()
 *                 .name("billing")
 *                 .eventPattern("{\"source\":[\"billing\"]}")
 *                 .handler("com.acme.BillingHandler::handleRequest")
 *                 .grants("table:write")
 *                 .build())
 *         .build());
 * }</pre>
 */
public final class EventDrivenPatternArgs extends ResourceArgs {

    /** {@code dev}, {@code staging} or {@code prod}: picks the preset every unset field takes. */
    @Import(name = "environment", required = true)
    private String environment;

    /**
     * Consumers: each a rule → queue + DLQ → function → mapping. Added to the seed consumers (unless
     * {@link #includeSeedConsumers()} is false); one named like a seed consumer overrides the fields it sets.
     */
    @Import(name = "consumers")
    private @Nullable List<ConsumerArgs> consumers;

    /**
     * Include the seed consumers (order-processor, inventory-processor, notification-processor, approval-processor;
     * cur-ingest comes with {@link #curIngest()}). Default true.
     */
    @Import(name = "includeSeedConsumers")
    private @Nullable Boolean includeSeedConsumers;

    /** Path of the runtime jar deployed as every function's code. Default {@code runtime/target/edp-runtime-lambda.jar}. */
    @Import(name = "runtimeJar")
    private @Nullable String runtimeJar;

    /** Settings every function starts from. */
    @Import(name = "functionDefaults")
    private @Nullable FunctionDefaultsArgs functionDefaults;

    /** Settings every queue, DLQ, mapping and rule target starts from. */
    @Import(name = "queueDefaults")
    private @Nullable QueueDefaultsArgs queueDefaults;

    /** The event bus, archive and schema registry. */
    @Import(name = "bus")
    private @Nullable BusArgs bus;

    /** The DynamoDB table. */
    @Import(name = "table")
    private @Nullable StateTableArgs table;

    /** Subscriptions to the notifications and alarms topics. */
    @Import(name = "subscriptions")
    private @Nullable List<SubscriptionArgs> subscriptions;

    /** The workflow state machine. */
    @Import(name = "workflow")
    private @Nullable WorkflowArgs workflow;

    /** The audit trail. */
    @Import(name = "audit")
    private @Nullable AuditArgs audit;

    /** S3 server access logging of the pattern's buckets into one log bucket. */
    @Import(name = "accessLogs")
    private @Nullable AccessLogArgs accessLogs;

    /** Alarm thresholds and the dashboard. */
    @Import(name = "alarms")
    private @Nullable AlarmArgs alarms;

    /** The cost-report (CUR) ingest source. */
    @Import(name = "curIngest")
    private @Nullable CurIngestArgs curIngest;

    /** Tags on every resource that takes tags, beside {@code edp:pattern} and {@code edp:environment}. */
    @Import(name = "tags")
    private @Nullable Map<String, String> tags;

    private EventDrivenPatternArgs() {
    }

    public String environment() { return environment; }
    public List<ConsumerArgs> consumers() { return consumers == null ? List.of() : consumers; }
    public Optional<Boolean> includeSeedConsumers() { return Optional.ofNullable(includeSeedConsumers); }
    public Optional<String> runtimeJar() { return Optional.ofNullable(runtimeJar); }
    public FunctionDefaultsArgs functionDefaults() { return functionDefaults == null ? FunctionDefaultsArgs.Empty : functionDefaults; }
    public QueueDefaultsArgs queueDefaults() { return queueDefaults == null ? QueueDefaultsArgs.Empty : queueDefaults; }
    public BusArgs bus() { return bus == null ? BusArgs.Empty : bus; }
    public StateTableArgs table() { return table == null ? StateTableArgs.Empty : table; }
    public List<SubscriptionArgs> subscriptions() { return subscriptions == null ? List.of() : subscriptions; }
    public WorkflowArgs workflow() { return workflow == null ? WorkflowArgs.Empty : workflow; }
    public AuditArgs audit() { return audit == null ? AuditArgs.Empty : audit; }
    public AccessLogArgs accessLogs() { return accessLogs == null ? AccessLogArgs.Empty : accessLogs; }
    public AlarmArgs alarms() { return alarms == null ? AlarmArgs.Empty : alarms; }
    public CurIngestArgs curIngest() { return curIngest == null ? CurIngestArgs.Empty : curIngest; }
    public Map<String, String> tags() { return tags == null ? Map.of() : tags; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final EventDrivenPatternArgs args = new EventDrivenPatternArgs();

        public Builder environment(String v) { args.environment = v; return this; }
        public Builder consumers(@Nullable List<ConsumerArgs> v) { args.consumers = v == null ? null : List.copyOf(v); return this; }
        public Builder consumers(ConsumerArgs... v) { return consumers(List.of(v)); }
        public Builder includeSeedConsumers(@Nullable Boolean v) { args.includeSeedConsumers = v; return this; }
        public Builder runtimeJar(@Nullable String v) { args.runtimeJar = v; return this; }
        public Builder functionDefaults(@Nullable FunctionDefaultsArgs v) { args.functionDefaults = v; return this; }
        public Builder queueDefaults(@Nullable QueueDefaultsArgs v) { args.queueDefaults = v; return this; }
        public Builder bus(@Nullable BusArgs v) { args.bus = v; return this; }
        public Builder table(@Nullable StateTableArgs v) { args.table = v; return this; }
        public Builder subscriptions(@Nullable List<SubscriptionArgs> v) { args.subscriptions = v == null ? null : List.copyOf(v); return this; }
        public Builder subscriptions(SubscriptionArgs... v) { return subscriptions(List.of(v)); }
        public Builder workflow(@Nullable WorkflowArgs v) { args.workflow = v; return this; }
        public Builder audit(@Nullable AuditArgs v) { args.audit = v; return this; }
        public Builder accessLogs(@Nullable AccessLogArgs v) { args.accessLogs = v; return this; }
        public Builder alarms(@Nullable AlarmArgs v) { args.alarms = v; return this; }
        public Builder curIngest(@Nullable CurIngestArgs v) { args.curIngest = v; return this; }
        public Builder tags(@Nullable Map<String, String> v) { args.tags = v == null ? null : Map.copyOf(v); return this; }

        public EventDrivenPatternArgs build() { return args; }
    }
}
