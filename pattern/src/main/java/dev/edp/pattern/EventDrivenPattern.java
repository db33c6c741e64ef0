package dev.edp.pattern;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.edp.pattern.alarms.Alarms;
import dev.edp.pattern.alarms.Dashboard;
import dev.edp.pattern.alarms.Monitored;
import dev.edp.pattern.audit.AuditTrail;
import dev.edp.pattern.bus.EventBusResources;
import dev.edp.pattern.bus.SchemaRegistry;
import dev.edp.pattern.config.PatternSettings;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.SeedConsumers;
import dev.edp.pattern.config.SettingsResolver;
import dev.edp.pattern.consumers.Consumer;
import dev.edp.pattern.ingest.CurIngestSource;
import dev.edp.pattern.keys.PatternKey;
import dev.edp.pattern.storage.AccessLogBucket;
import dev.edp.pattern.table.StateTable;
import dev.edp.pattern.topics.Topics;
import dev.edp.pattern.workflow.Workflow;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A complete event-driven architecture on AWS as one Pulumi component ({@value #TYPE}): KMS key, EventBridge bus
 * with archive and schema registry, SQS-buffered Lambda consumers with dead-letter queues, the DynamoDB table, SNS
 * topics, the workflow state machine, the cost-report ingest source, a Firehose audit trail, alarms and a dashboard.
 * Secure and observable by default, sized per environment.
 *
 * <p>The configuration ({@link EventDrivenPatternArgs}) is resolved and validated before any resource is created;
 * an invalid one fails with every problem listed. This class only wires the concern classes together, in order.
 */
public final class EventDrivenPattern extends ComponentResource {

    public static final String TYPE = "edp:index:EventDrivenPattern";

    @Export(name = "busName", refs = {String.class}, tree = "[0]")
    private final Output<String> busName;
    @Export(name = "busArn", refs = {String.class}, tree = "[0]")
    private final Output<String> busArn;
    @Export(name = "archiveName", refs = {String.class}, tree = "[0]")
    private final Output<String> archiveName;
    @Export(name = "queueUrls", refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> queueUrls;
    @Export(name = "deadLetterQueueUrls", refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> deadLetterQueueUrls;
    @Export(name = "logGroupNames", refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> logGroupNames;
    @Export(name = "eventsDeadLetterQueueUrl", refs = {String.class}, tree = "[0]")
    private final Output<String> eventsDeadLetterQueueUrl;
    @Export(name = "tableName", refs = {String.class}, tree = "[0]")
    private final Output<String> tableName;
    @Export(name = "notificationsTopicArn", refs = {String.class}, tree = "[0]")
    private final Output<String> notificationsTopicArn;
    @Export(name = "alarmsTopicArn", refs = {String.class}, tree = "[0]")
    private final Output<String> alarmsTopicArn;
    @Export(name = "stateMachineArn", refs = {String.class}, tree = "[0]")
    private final Output<String> stateMachineArn;
    @Export(name = "ingestBucketName", refs = {String.class}, tree = "[0]")
    private final Output<String> ingestBucketName;
    @Export(name = "curatedBucketName", refs = {String.class}, tree = "[0]")
    private final Output<String> curatedBucketName;
    @Export(name = "auditBucketName", refs = {String.class}, tree = "[0]")
    private final Output<String> auditBucketName;
    @Export(name = "keyArn", refs = {String.class}, tree = "[0]")
    private final Output<String> keyArn;
    @Export(name = "dashboardName", refs = {String.class}, tree = "[0]")
    private final Output<String> dashboardName;

    private final PatternSettings settings;
    private final List<Consumer> consumers;

    public EventDrivenPattern(String name, EventDrivenPatternArgs args) {
        this(name, args, null);
    }

    public EventDrivenPattern(String name, EventDrivenPatternArgs args, @Nullable ComponentResourceOptions options) {
        this(name, SettingsResolver.resolve(name, args), args, options);
    }

    /** Resolving (and validating) happens in the call above, before the component registers anything. */
    private EventDrivenPattern(String name, PatternSettings settings, EventDrivenPatternArgs args,
                               @Nullable ComponentResourceOptions options) {
        super(TYPE, name, args, options);
        this.settings = settings;
        PatternContext ctx = new PatternContext(this, settings);

        PatternKey key = PatternKey.create(ctx);
        Topics topics = Topics.create(ctx, key.arn());
        StateTable table = StateTable.create(ctx, key.arn());
        EventBusResources bus = EventBusResources.create(ctx, key.arn());
        SchemaRegistry.create(ctx, bus);

        // One log bucket for the S3 server access logs of the pattern's buckets, when it has any.
        boolean hasBuckets = settings.curIngest().enabled() || settings.audit().enabled();
        Optional<AccessLogBucket> accessLogs = settings.accessLogs().enabled() && hasBuckets
                ? Optional.of(AccessLogBucket.create(ctx, key.arn())) : Optional.empty();
        Optional<CurIngestSource> cur = settings.curIngest().enabled()
                ? Optional.of(CurIngestSource.create(ctx, key, bus, accessLogs)) : Optional.empty();
        SharedResources shared = new SharedResources(key, bus, table, topics,
                cur.map(CurIngestSource::ingestBucket), cur.map(c -> c.curatedBucket().ref()), Optional.empty());

        Optional<Workflow> workflow = settings.workflow().enabled()
                ? Optional.of(Workflow.create(ctx, shared)) : Optional.empty();
        if (workflow.isPresent()) {
            shared = new SharedResources(key, bus, table, topics, shared.ingestBucket(), shared.curatedBucket(),
                    Optional.of(workflow.get().stateMachine().arn()));
        }

        List<Consumer> created = new ArrayList<>();
        for (ConsumerSettings c : settings.consumers()) {
            Output<String> pattern = SeedConsumers.CUR_INGEST.equals(c.name())
                    ? cur.orElseThrow().eventPattern() : Output.of(c.eventPattern().orElseThrow());
            created.add(Consumer.create(ctx, withSourceSettings(c, settings), pattern, shared));
        }
        this.consumers = List.copyOf(created);
        Map<String, Consumer> consumersByName = new LinkedHashMap<>();
        consumers.forEach(c -> consumersByName.put(c.name(), c));
        topics.subscribe(ctx, consumersByName);

        Optional<AuditTrail> audit = settings.audit().enabled()
                ? Optional.of(AuditTrail.create(ctx, key, bus, accessLogs)) : Optional.empty();
        accessLogs.ifPresent(AccessLogBucket::allowLogDelivery);

        List<Output<String>> eventsDlqRules = new ArrayList<>();
        workflow.ifPresent(w -> eventsDlqRules.add(w.triggerRule().arn()));
        audit.ifPresent(a -> eventsDlqRules.add(a.rule().arn()));
        cur.ifPresent(c -> eventsDlqRules.add(c.forwardingRule().arn()));
        bus.allowDeadLettersFrom(ctx, eventsDlqRules);

        Monitored watched = monitored(bus, table, consumers, workflow, audit, cur);
        Alarms.create(ctx, watched, topics.alarms().arn());
        Output<String> dashboard = settings.alarms().enabled()
                ? Dashboard.create(ctx, watched).dashboardName() : Output.of("");

        this.busName = bus.name();
        this.busArn = bus.arn();
        this.archiveName = bus.archive().name();
        this.queueUrls = byConsumer(consumers, c -> c.queue().url());
        this.deadLetterQueueUrls = byConsumer(consumers, c -> c.deadLetterQueue().url());
        this.logGroupNames = byConsumer(consumers, c -> c.function().logGroup().name());
        this.eventsDeadLetterQueueUrl = bus.eventsDlq().url();
        this.tableName = table.name();
        this.notificationsTopicArn = topics.notifications().arn();
        this.alarmsTopicArn = topics.alarms().arn();
        this.stateMachineArn = workflow.map(w -> w.stateMachine().arn()).orElse(Output.of(""));
        this.ingestBucketName = cur.map(c -> c.ingestBucket().name()).orElse(Output.of(""));
        this.curatedBucketName = cur.map(c -> c.curatedBucket().name()).orElse(Output.of(""));
        this.auditBucketName = audit.map(a -> a.bucket().name()).orElse(Output.of(""));
        this.keyArn = key.arn();
        this.dashboardName = dashboard;

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put("busName", busName);
        outputs.put("busArn", busArn);
        outputs.put("archiveName", archiveName);
        outputs.put("queueUrls", queueUrls);
        outputs.put("deadLetterQueueUrls", deadLetterQueueUrls);
        outputs.put("logGroupNames", logGroupNames);
        outputs.put("eventsDeadLetterQueueUrl", eventsDeadLetterQueueUrl);
        outputs.put("tableName", tableName);
        outputs.put("notificationsTopicArn", notificationsTopicArn);
        outputs.put("alarmsTopicArn", alarmsTopicArn);
        outputs.put("stateMachineArn", stateMachineArn);
        outputs.put("ingestBucketName", ingestBucketName);
        outputs.put("curatedBucketName", curatedBucketName);
        outputs.put("auditBucketName", auditBucketName);
        outputs.put("keyArn", keyArn);
        outputs.put("dashboardName", dashboardName);
        registerOutputs(outputs);
    }

    /** The CUR consumer's function reads its anomaly rule from the curIngest settings, as environment variables. */
    private static ConsumerSettings withSourceSettings(ConsumerSettings c, PatternSettings settings) {
        if (!SeedConsumers.CUR_INGEST.equals(c.name())) {
            return c;
        }
        Map<String, String> environment = new java.util.TreeMap<>(c.environment());
        environment.putIfAbsent("EDP_ANOMALY_FACTOR", settings.curIngest().anomalyFactor().toPlainString());
        environment.putIfAbsent("EDP_ANOMALY_WINDOW_DAYS", String.valueOf(settings.curIngest().anomalyWindowDays()));
        return new ConsumerSettings(c.name(), c.description(), c.eventPattern(), c.handler(), c.fifo(),
                c.messageGroupId(), c.grants(), Map.copyOf(environment), c.function(), c.queue(),
                c.durationAlarmP99Ms());
    }

    private static Monitored monitored(EventBusResources bus, StateTable table, List<Consumer> consumers,
                                       Optional<Workflow> workflow, Optional<AuditTrail> audit,
                                       Optional<CurIngestSource> cur) {
        Monitored watched = new Monitored().table(table.name());
        for (Consumer c : consumers) {
            watched.rule(c.name(), c.rule().name(), bus.name())
                    .function(c.name(), c.function().function().name(), c.settings().durationAlarmP99Ms())
                    .queue(c.name() + "-queue", c.queue().name())
                    .deadLetterQueue(c.name() + "-dlq", c.deadLetterQueue().name());
            if (c.hasSeparateDeliveryDeadLetterQueue()) {
                watched.deadLetterQueue(c.name() + "-delivery-dlq", c.deliveryDeadLetterQueue().name());
            }
        }
        watched.deadLetterQueue("events-dlq", bus.eventsDlq().name());
        workflow.ifPresent(w -> {
            watched.rule("workflow-trigger", w.triggerRule().name(), bus.name()).stateMachine(w.stateMachine().arn());
            w.tasksByPurpose().forEach((purpose, fn) -> watched.function(purpose, fn.function().name()));
        });
        audit.ifPresent(a -> watched.rule("audit", a.rule().name(), bus.name()).deliveryStream(a.stream().name()));
        cur.ifPresent(c -> watched.rule("cur-forward", c.forwardingRule().name(), null));
        return watched;
    }

    /** {consumer name → value}, in configuration order. */
    private static Output<Map<String, String>> byConsumer(List<Consumer> consumers,
                                                         java.util.function.Function<Consumer, Output<String>> value) {
        List<Output<String>> urls = consumers.stream().map(value).toList();
        List<String> names = consumers.stream().map(Consumer::name).toList();
        return Output.all(urls).applyValue(values -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), values.get(i));
            }
            return map;
        });
    }

    /** The resolved settings this component was built from. */
    public PatternSettings settings() {
        return settings;
    }

    /** The consumers, in configuration order. */
    public List<Consumer> consumers() {
        return consumers;
    }

    public Output<String> busName() { return busName; }
    public Output<String> busArn() { return busArn; }
    public Output<String> archiveName() { return archiveName; }
    public Output<Map<String, String>> queueUrls() { return queueUrls; }
    public Output<Map<String, String>> deadLetterQueueUrls() { return deadLetterQueueUrls; }
    /** Per consumer, the CloudWatch log group its function writes to (where {@code ./edp dlq list} finds errors). */
    public Output<Map<String, String>> logGroupNames() { return logGroupNames; }
    public Output<String> eventsDeadLetterQueueUrl() { return eventsDeadLetterQueueUrl; }
    public Output<String> tableName() { return tableName; }
    public Output<String> notificationsTopicArn() { return notificationsTopicArn; }
    public Output<String> alarmsTopicArn() { return alarmsTopicArn; }
    public Output<String> stateMachineArn() { return stateMachineArn; }
    public Output<String> ingestBucketName() { return ingestBucketName; }
    public Output<String> curatedBucketName() { return curatedBucketName; }
    public Output<String> auditBucketName() { return auditBucketName; }
    public Output<String> keyArn() { return keyArn; }
    public Output<String> dashboardName() { return dashboardName; }
}
