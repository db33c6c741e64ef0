package dev.edp.pattern;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.edp.events.StackExports;
import dev.edp.pattern.alarms.Alarms;
import dev.edp.pattern.alarms.Dashboard;
import dev.edp.pattern.alarms.Monitored;
import dev.edp.pattern.audit.AuditTrail;
import dev.edp.pattern.bus.EventBusResources;
import dev.edp.pattern.bus.SchemaRegistry;
import dev.edp.pattern.config.PatternSettings;
import dev.edp.pattern.config.PatternSettings.BucketSettings;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.FileSourceSettings;
import dev.edp.pattern.config.PatternSettings.Kind;
import dev.edp.pattern.config.SettingsResolver;
import dev.edp.pattern.consumers.Consumer;
import dev.edp.pattern.keys.PatternKey;
import dev.edp.pattern.sources.FileSource;
import dev.edp.pattern.sources.Schedules;
import dev.edp.pattern.storage.AccessLogBucket;
import dev.edp.pattern.storage.SecureBucket;
import dev.edp.pattern.table.StateTable;
import dev.edp.pattern.topics.Topics;

import javax.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A complete event-driven architecture on AWS as one Pulumi component ({@value #TYPE}): KMS key, EventBridge bus
 * with archive, schema registry and discoverer, the DynamoDB table, SNS topics, a Firehose audit trail, alarms and
 * a dashboard; and whatever the user adds: consumers of five kinds (queue, function, workflow, topic, bus), file
 * sources, data buckets and schedules. Secure and observable by default, sized per environment; each part can be
 * turned off or replaced by an existing resource.
 *
 * <p>The configuration ({@link EventDrivenPatternArgs}) is resolved and validated before any resource is created;
 * an invalid one fails with every problem listed. This class only wires the concern classes together, in order.
 */
public final class EventDrivenPattern extends ComponentResource {

    /** The key suffix of a FIFO consumer's delivery DLQ in {@link #deadLetterQueueUrls()}. */
    public static final String DELIVERY_DLQ_SUFFIX = "-delivery";

    public static final String TYPE = "edp:index:EventDrivenPattern";

    @Export(name = StackExports.BUS_NAME, refs = {String.class}, tree = "[0]")
    private final Output<String> busName;
    @Export(name = StackExports.BUS_ARN, refs = {String.class}, tree = "[0]")
    private final Output<String> busArn;
    @Export(name = StackExports.ARCHIVE_NAME, refs = {String.class}, tree = "[0]")
    private final Output<String> archiveName;
    @Export(name = StackExports.KEY_ARN, refs = {String.class}, tree = "[0]")
    private final Output<String> keyArn;
    @Export(name = StackExports.TABLE_NAME, refs = {String.class}, tree = "[0]")
    private final Output<String> tableName;
    @Export(name = StackExports.TABLE_ARN, refs = {String.class}, tree = "[0]")
    private final Output<String> tableArn;
    @Export(name = StackExports.NOTIFICATIONS_TOPIC_ARN, refs = {String.class}, tree = "[0]")
    private final Output<String> notificationsTopicArn;
    @Export(name = StackExports.ALARMS_TOPIC_ARN, refs = {String.class}, tree = "[0]")
    private final Output<String> alarmsTopicArn;
    @Export(name = StackExports.EVENTS_DEAD_LETTER_QUEUE_URL, refs = {String.class}, tree = "[0]")
    private final Output<String> eventsDeadLetterQueueUrl;
    @Export(name = StackExports.AUDIT_BUCKET_NAME, refs = {String.class}, tree = "[0]")
    private final Output<String> auditBucketName;
    @Export(name = StackExports.DASHBOARD_NAME, refs = {String.class}, tree = "[0]")
    private final Output<String> dashboardName;
    @Export(name = StackExports.QUEUE_URLS, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> queueUrls;
    @Export(name = StackExports.DEAD_LETTER_QUEUE_URLS, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> deadLetterQueueUrls;
    @Export(name = StackExports.FUNCTION_ARNS, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> functionArns;
    @Export(name = StackExports.LOG_GROUP_NAMES, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> logGroupNames;
    @Export(name = StackExports.STATE_MACHINE_ARNS, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> stateMachineArns;
    @Export(name = StackExports.TOPIC_ARNS, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> topicArns;
    @Export(name = StackExports.BUCKET_NAMES, refs = {Map.class, String.class, String.class}, tree = "[0,1,2]")
    private final Output<Map<String, String>> bucketNames;

    private final PatternSettings settings;
    private final List<Consumer> consumers;

    /**
     * @param name    the component's name: prefixes every child's logical name (1..20 lowercase letters, digits, dashes)
     * @param args    the configuration; only {@code environment} is required
     * @param options Pulumi options (parent, providers, aliases...), or null
     */
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
        Optional<StateTable> table = StateTable.create(ctx, key.arn());
        EventBusResources bus = EventBusResources.create(ctx, key.arn());
        SchemaRegistry.create(ctx, bus);
        SharedResources shared = new SharedResources(ctx, key, bus, table, topics);

        // One log bucket for the S3 server access logs of the buckets the pattern creates, when it creates any.
        Optional<AccessLogBucket> accessLogs = AccessLogBucket.needed(settings)
                ? Optional.of(AccessLogBucket.create(ctx, key.arn())) : Optional.empty();
        List<FileSource> fileSources = new ArrayList<>();
        for (FileSourceSettings f : settings.fileSources()) {
            fileSources.add(FileSource.create(ctx, f, shared, accessLogs));
        }
        for (BucketSettings b : settings.buckets()) {
            SecureBucket bucket = SecureBucket.create(ctx, b.name() + "-bucket", key.arn(),
                    new SecureBucket.Lifecycle(null, null, b.expireAfterDays().orElse(null)), accessLogs);
            shared.addBucket(b.name(), bucket.ref());
        }

        // Workflows first: other consumers may name their state machines (grants, environment placeholders).
        List<Consumer> created = new ArrayList<>();
        for (ConsumerSettings c : settings.consumers()) {
            if (c.kind() == Kind.WORKFLOW) {
                created.add(Consumer.create(ctx, c, shared));
            }
        }
        for (ConsumerSettings c : settings.consumers()) {
            if (c.kind() != Kind.WORKFLOW) {
                created.add(Consumer.create(ctx, c, shared));
            }
        }
        // In configuration order, whatever the creation order.
        List<String> order = settings.consumers().stream().map(ConsumerSettings::name).toList();
        created.sort(java.util.Comparator.comparingInt(c -> order.indexOf(c.name())));
        this.consumers = List.copyOf(created);
        Map<String, Consumer> consumersByName = new LinkedHashMap<>();
        consumers.forEach(c -> consumersByName.put(c.name(), c));
        topics.subscribe(ctx, consumersByName);
        topics.allowTracing(ctx, consumers.stream()
                .filter(c -> c.kind() == Kind.TOPIC && c.settings().topicArn().isEmpty())
                .map(c -> c.topicArn().orElseThrow()).toList());
        Schedules.create(ctx, shared, consumers);

        Optional<AuditTrail> audit = settings.audit().enabled()
                ? Optional.of(AuditTrail.create(ctx, key, bus, accessLogs)) : Optional.empty();
        accessLogs.ifPresent(AccessLogBucket::allowLogDelivery);

        List<Output<String>> eventsDlqRules = new ArrayList<>();
        audit.ifPresent(a -> eventsDlqRules.add(a.rule().arn()));
        fileSources.forEach(f -> eventsDlqRules.add(f.forwardingRule().arn()));
        bus.allowDeadLettersFrom(ctx, eventsDlqRules);

        Monitored watched = new Monitored(settings.alarms());
        table.ifPresent(t -> watched.table(t.name()));
        consumers.forEach(c -> c.watch(watched, bus.name()));
        watched.deadLetterQueue("events-dlq", bus.eventsDlq().name());
        audit.ifPresent(a -> watched.rule("audit", a.rule().name(), bus.name()).deliveryStream(a.stream().name()));
        fileSources.forEach(f -> watched.rule(f.name() + "-forward", f.forwardingRule().name(), null));
        Alarms.create(ctx, watched, topics.alarms().arn());
        Output<String> dashboard = settings.alarms().enabled() && settings.alarms().dashboard()
                ? Dashboard.create(ctx, watched).dashboardName() : Output.of("");

        this.busName = bus.name();
        this.busArn = bus.arn();
        this.archiveName = bus.archive().map(a -> a.name()).orElse(Output.of(""));
        this.keyArn = key.arn();
        this.tableName = table.map(StateTable::name).orElse(Output.of(""));
        this.tableArn = table.map(StateTable::arn).orElse(Output.of(""));
        this.notificationsTopicArn = topics.notifications().arn();
        this.alarmsTopicArn = topics.alarms().arn();
        this.eventsDeadLetterQueueUrl = bus.eventsDlq().url();
        this.auditBucketName = audit.map(a -> a.bucket().name()).orElse(Output.of(""));
        this.dashboardName = dashboard;
        this.queueUrls = byName(consumers, c -> c.queue().map(q -> q.url()));
        this.deadLetterQueueUrls = zip(deadLetterQueues(consumers));
        this.functionArns = byName(consumers, c -> c.function().map(f -> f.function().arn()));
        this.logGroupNames = byName(consumers, c -> c.function().map(f -> f.logGroup().name()));
        this.stateMachineArns = byName(consumers, Consumer::stateMachineArn);
        this.topicArns = byName(consumers, Consumer::topicArn);
        Map<String, Output<String>> buckets = new LinkedHashMap<>();
        shared.buckets().forEach((n, b) -> buckets.put(n, b.name()));
        this.bucketNames = zip(buckets);

        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        outputs.put(StackExports.BUS_NAME, busName);
        outputs.put(StackExports.BUS_ARN, busArn);
        outputs.put(StackExports.ARCHIVE_NAME, archiveName);
        outputs.put(StackExports.KEY_ARN, keyArn);
        outputs.put(StackExports.TABLE_NAME, tableName);
        outputs.put(StackExports.TABLE_ARN, tableArn);
        outputs.put(StackExports.NOTIFICATIONS_TOPIC_ARN, notificationsTopicArn);
        outputs.put(StackExports.ALARMS_TOPIC_ARN, alarmsTopicArn);
        outputs.put(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL, eventsDeadLetterQueueUrl);
        outputs.put(StackExports.AUDIT_BUCKET_NAME, auditBucketName);
        outputs.put(StackExports.DASHBOARD_NAME, dashboardName);
        outputs.put(StackExports.QUEUE_URLS, queueUrls);
        outputs.put(StackExports.DEAD_LETTER_QUEUE_URLS, deadLetterQueueUrls);
        outputs.put(StackExports.FUNCTION_ARNS, functionArns);
        outputs.put(StackExports.LOG_GROUP_NAMES, logGroupNames);
        outputs.put(StackExports.STATE_MACHINE_ARNS, stateMachineArns);
        outputs.put(StackExports.TOPIC_ARNS, topicArns);
        outputs.put(StackExports.BUCKET_NAMES, bucketNames);
        registerOutputs(outputs);
    }

    /** {consumer name → value}, in configuration order, for the consumers that have one. */
    private static Output<Map<String, String>> byName(List<Consumer> consumers,
                                                      Function<Consumer, Optional<Output<String>>> value) {
        Map<String, Output<String>> values = new LinkedHashMap<>();
        consumers.forEach(c -> value.apply(c).ifPresent(v -> values.put(c.name(), v)));
        return zip(values);
    }

    /**
     * {consumer name → its DLQ's URL}; a FIFO queue consumer also has {@code <name>-delivery → } its standard
     * delivery DLQ (what EventBridge could not deliver), so {@code ./edp dlq} lists both.
     */
    static Map<String, Output<String>> deadLetterQueues(List<Consumer> consumers) {
        Map<String, Output<String>> urls = new LinkedHashMap<>();
        for (Consumer c : consumers) {
            urls.put(c.name(), c.deadLetterQueue().url());
            if (c.hasSeparateDeliveryDeadLetterQueue()) {
                urls.put(c.name() + DELIVERY_DLQ_SUFFIX, c.deliveryDeadLetterQueue().url());
            }
        }
        return urls;
    }

    private static Output<Map<String, String>> zip(Map<String, Output<String>> values) {
        List<String> names = List.copyOf(values.keySet());
        return Output.all(List.copyOf(values.values())).applyValue(resolved -> {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                map.put(names.get(i), resolved.get(i));
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

    /** The bus's name (the pattern's, or the existing one). */
    public Output<String> busName() { return busName; }
    public Output<String> busArn() { return busArn; }
    /** The archive's name; empty when the archive is off. */
    public Output<String> archiveName() { return archiveName; }
    /** The key everything is encrypted with (the pattern's, or the existing one). */
    public Output<String> keyArn() { return keyArn; }
    /** The table's name; empty when the table is off. */
    public Output<String> tableName() { return tableName; }
    public Output<String> tableArn() { return tableArn; }
    public Output<String> notificationsTopicArn() { return notificationsTopicArn; }
    public Output<String> alarmsTopicArn() { return alarmsTopicArn; }
    /** The DLQ of the pattern's own targets (audit, file-source forwarding, schedules). */
    public Output<String> eventsDeadLetterQueueUrl() { return eventsDeadLetterQueueUrl; }
    public Output<String> auditBucketName() { return auditBucketName; }
    public Output<String> dashboardName() { return dashboardName; }
    /** Per queue consumer, its queue's URL. */
    public Output<Map<String, String>> queueUrls() { return queueUrls; }
    /**
     * Per consumer, its dead-letter queue's URL (what {@code ./edp dlq} reads); a FIFO queue consumer's standard
     * delivery DLQ under {@code <name>-delivery}.
     */
    public Output<Map<String, String>> deadLetterQueueUrls() { return deadLetterQueueUrls; }
    /** Per queue or function consumer, its function's ARN. */
    public Output<Map<String, String>> functionArns() { return functionArns; }
    /** Per queue or function consumer, the CloudWatch log group its function writes to. */
    public Output<Map<String, String>> logGroupNames() { return logGroupNames; }
    /** Per workflow consumer, its state machine's ARN. */
    public Output<Map<String, String>> stateMachineArns() { return stateMachineArns; }
    /** Per topic consumer, its topic's ARN. */
    public Output<Map<String, String>> topicArns() { return topicArns; }
    /** Per file source and data bucket, the bucket's name. */
    public Output<Map<String, String>> bucketNames() { return bucketNames; }
}
