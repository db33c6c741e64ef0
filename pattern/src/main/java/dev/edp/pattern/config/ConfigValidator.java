package dev.edp.pattern.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.FunctionSettings;
import dev.edp.pattern.config.PatternSettings.QueueSettings;
import dev.edp.pattern.config.PatternSettings.SubscriptionSettings;
import software.amazon.event.ruler.RuleCompiler;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every rule a configuration must keep, checked once on the resolved settings. Each problem names the field the
 * user sets (e.g. {@code consumers[order-processor].queue.visibilityTimeoutSeconds}) and says what is allowed.
 * Limits are AWS's own, cited where they are not obvious.
 */
public final class ConfigValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,29}");
    private static final Pattern HANDLER = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+(::[A-Za-z_$][\\w$]*)?");
    /**
     * The JSON-path syntax EventBridge resolves in a target parameter: dot notation, dashes, underscores,
     * alphanumerics, array indexes (EventBridge User Guide, "Event bus targets", Dynamic path parameters).
     */
    private static final Pattern MESSAGE_GROUP_PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+|\\[\\d+])+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
    private static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final int SQS_MIN_RETENTION = 60;
    private static final int SQS_MAX_RETENTION = 1_209_600;
    private static final int SQS_MAX_VISIBILITY = 43_200;

    private ConfigValidator() {
    }

    public static List<String> validate(PatternSettings s) {
        List<String> problems = new ArrayList<>();
        Problems p = new Problems(problems);

        p.check(NAME.matcher(s.name()).matches(), "name",
                "the component name must be 1..20 lowercase letters, digits or dashes, starting with a letter (got '"
                        + s.name() + "'): it prefixes every resource name, whose AWS limits are 64 characters");
        p.check(!s.runtimeJar().isBlank(), "runtimeJar", "must name the runtime jar");

        function(p, "functionDefaults", s.functionDefaults(), null);
        queue(p, "queueDefaults", s.queueDefaults(), null, false);

        for (ConsumerSettings c : s.consumers()) {
            String at = "consumers[" + c.name() + "]";
            consumer(p, at, c, s);
        }

        var bus = s.bus();
        for (int i = 0; i < bus.producerAccountIds().size(); i++) {
            String id = bus.producerAccountIds().get(i);
            p.check(id != null && ACCOUNT_ID.matcher(id).matches(), "bus.producerAccountIds[" + i + "]",
                    "must be a 12-digit AWS account id (got '" + id + "')");
        }
        p.check(bus.archiveRetentionDays() >= 0, "bus.archiveRetentionDays",
                "must be 0 (keep forever) or more days (got " + bus.archiveRetentionDays() + ")");
        p.check(!(bus.schemaDiscovery() && bus.encryptWithPatternKey()), "bus.schemaDiscovery",
                "AWS does not allow schema discovery on a bus encrypted with a customer managed key; set "
                        + "bus.schemaDiscovery to false or bus.encryptWithPatternKey to false");

        for (String type : bus.schemaEventTypes()) {
            p.check(dev.edp.pattern.events.SeedSchemas.byDetailType(type).isPresent(), "bus.schemaEventTypes",
                    "no schema is known for detail-type '" + type + "' (known: "
                            + dev.edp.pattern.events.SeedSchemas.DETAIL_TYPES + ")");
        }

        var table = s.table();
        p.check(!table.ttlAttribute().isBlank() && !Set.of("pk", "sk").contains(table.ttlAttribute()),
                "table.ttlAttribute", "must be a non-key attribute name (got '" + table.ttlAttribute() + "')");

        for (int i = 0; i < s.subscriptions().size(); i++) {
            subscription(p, "subscriptions[" + i + "]", s.subscriptions().get(i), s);
        }

        var wf = s.workflow();
        if (wf.enabled()) {
            p.range(wf.approvalTimeoutSeconds(), 60, 31_536_000, "workflow.approvalTimeoutSeconds");
            p.check(Set.of("ALL", "ERROR", "FATAL").contains(wf.logLevel()), "workflow.logLevel",
                    "must be ALL, ERROR or FATAL (got '" + wf.logLevel() + "'); OFF would leave failures unrecorded");
            function(p, "workflow.function", wf.function(), s.functionDefaults());
        }

        var audit = s.audit();
        if (audit.enabled()) {
            p.check(audit.infrequentAccessAfterDays() >= 30, "audit.infrequentAccessAfterDays",
                    "must be at least 30 (S3's minimum before Standard-IA; got " + audit.infrequentAccessAfterDays() + ")");
            p.check(audit.glacierAfterDays() > audit.infrequentAccessAfterDays(), "audit.glacierAfterDays",
                    "must be more than audit.infrequentAccessAfterDays (" + audit.infrequentAccessAfterDays()
                            + "; got " + audit.glacierAfterDays() + ")");
            p.check(audit.expireAfterDays() == 0 || audit.expireAfterDays() > audit.glacierAfterDays(),
                    "audit.expireAfterDays", "must be 0 (never) or more than audit.glacierAfterDays ("
                            + audit.glacierAfterDays() + "; got " + audit.expireAfterDays() + ")");
            p.range(audit.bufferingSeconds(), 0, 900, "audit.bufferingSeconds");
            p.range(audit.bufferingMb(), 1, 128, "audit.bufferingMb");
        }

        if (s.accessLogs().enabled()) {
            p.check(s.accessLogs().expireAfterDays() >= 1, "accessLogs.expireAfterDays",
                    "must be at least 1 day (got " + s.accessLogs().expireAfterDays() + ")");
        }

        var alarms = s.alarms();
        p.check(alarms.periodSeconds() >= 60 && alarms.periodSeconds() % 60 == 0, "alarms.periodSeconds",
                "must be a multiple of 60, at least 60 (got " + alarms.periodSeconds() + ")");
        for (double threshold : List.of(alarms.eventBridgeFailedInvocations(), alarms.lambdaErrors(),
                alarms.lambdaDurationP99Ms(), alarms.lambdaThrottles(), alarms.queueDepth(),
                alarms.queueOldestMessageAgeSeconds(), alarms.dlqMessages(), alarms.workflowFailed(),
                alarms.workflowThrottled())) {
            p.check(threshold >= 0, "alarms", "thresholds must not be negative (got " + threshold + ")");
        }

        var cur = s.curIngest();
        if (cur.enabled()) {
            p.check(!cur.suffixes().isEmpty(), "curIngest.suffixes", "must name at least one key suffix");
            cur.existingBucketName().ifPresent(b -> p.check(BUCKET.matcher(b).matches(), "curIngest.existingBucketName",
                    "must be a valid S3 bucket name (got '" + b + "')"));
            p.check(cur.anomalyFactor().compareTo(BigDecimal.ONE) >= 0, "curIngest.anomalyFactor",
                    "must be at least 1 (got " + cur.anomalyFactor().toPlainString() + ")");
            p.range(cur.anomalyWindowDays(), 1, 90, "curIngest.anomalyWindowDays");
        }
        return problems;
    }

    private static void consumer(Problems p, String at, ConsumerSettings c, PatternSettings s) {
        p.check(CONSUMER_NAME.matcher(c.name()).matches(), at + ".name",
                "must be 1..30 lowercase letters, digits or dashes, starting with a letter");
        boolean computedPattern = SeedConsumers.CUR_INGEST.equals(c.name());
        if (!computedPattern) {
            eventPattern(p, at + ".eventPattern", c.eventPattern().orElse(null));
        } else {
            p.check(c.eventPattern().isEmpty(), at + ".eventPattern",
                    "cur-ingest's pattern is built from the ingest bucket; set curIngest.suffixes instead");
        }
        p.check(!c.handler().isBlank(), at + ".handler", "every consumer needs a handler (package.Class::method)");
        if (!c.handler().isBlank()) {
            p.check(HANDLER.matcher(c.handler()).matches(), at + ".handler",
                    "must look like package.Class::method (got '" + c.handler() + "')");
        }
        p.check(!c.fifo() || c.messageGroupId().filter(g -> !g.isBlank()).isPresent(), at + ".messageGroupId",
                "a FIFO consumer needs a message group id: EventBridge must set one on every message it sends");
        c.messageGroupId().filter(g -> c.fifo() && !g.isBlank()).ifPresent(g -> {
            p.check(g.length() <= 100, at + ".messageGroupId",
                    "must be at most 100 characters (EventBridge SqsParameters; got " + g.length() + ")");
            p.check(!g.startsWith("$") || MESSAGE_GROUP_PATH.matcher(g).matches(), at + ".messageGroupId",
                    "a JSON path must be in the dot notation EventBridge resolves at run time, e.g."
                            + " $.detail.order_id (got '" + g + "')");
        });
        p.check(c.fifo() || c.messageGroupId().isEmpty(), at + ".messageGroupId",
                "only FIFO consumers take a message group id; set fifo: true or remove it");
        function(p, at + ".function", c.function(), s.functionDefaults());
        queue(p, at + ".queue", c.queue(), s.queueDefaults(), c.fifo());
        c.durationAlarmP99Ms().ifPresent(ms -> p.check(ms > 0 && ms <= c.function().timeoutSeconds() * 1000.0,
                at + ".durationAlarmP99Ms", "must be more than 0 and at most the function's timeout ("
                        + c.function().timeoutSeconds() * 1000 + " ms; got " + ms + ")"));

        int needed = EnvironmentPreset.VISIBILITY_TIMEOUT_FACTOR * c.function().timeoutSeconds();
        p.check(c.queue().visibilityTimeoutSeconds() >= needed, at + ".queue.visibilityTimeoutSeconds",
                "must be at least 6 x function.timeoutSeconds = " + needed + " (AWS guidance for SQS event sources;"
                        + " got " + c.queue().visibilityTimeoutSeconds() + ")");
    }

    static void eventPattern(Problems p, String field, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            p.add(field, "is empty: every consumer needs an EventBridge event pattern (a JSON object)");
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(pattern);
        } catch (Exception e) {
            p.add(field, "is not JSON: " + firstLine(e.getMessage()));
            return;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            p.add(field, "must be a non-empty JSON object (got " + pattern.strip() + ")");
            return;
        }
        String error = RuleCompiler.check(pattern);
        if (error != null) {
            p.add(field, "is not a valid EventBridge pattern: " + error);
        }
    }

    private static void function(Problems p, String at, FunctionSettings f, FunctionSettings base) {
        p.rangeIfChanged(f, base, FunctionSettings::memoryMb, 128, 10_240, at + ".memoryMb");
        p.rangeIfChanged(f, base, FunctionSettings::timeoutSeconds, 1, 900, at + ".timeoutSeconds");
        p.rangeIfChanged(f, base, FunctionSettings::maximumConcurrency, 2, 1000, at + ".maximumConcurrency");
        p.rangeIfChanged(f, base, FunctionSettings::provisionedConcurrency, 0, 10_000, at + ".provisionedConcurrency");
        if (changed(f, base, FunctionSettings::architecture)) {
            p.check(Set.of("arm64", "x86_64").contains(f.architecture()), at + ".architecture",
                    "must be arm64 or x86_64 (got '" + f.architecture() + "')");
        }
        if (changed(f, base, FunctionSettings::logRetentionDays)) {
            p.check(LOG_RETENTION_DAYS.contains(f.logRetentionDays()), at + ".logRetentionDays",
                    "must be one of CloudWatch's retention values " + new java.util.TreeSet<>(LOG_RETENTION_DAYS)
                            + " (got " + f.logRetentionDays() + ")");
        }
        if (changed(f, base, FunctionSettings::logLevel)) {
            p.check(LOG_LEVELS.contains(f.logLevel()), at + ".logLevel",
                    "must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL (got '" + f.logLevel() + "')");
        }
        if (f.reservedConcurrency() != null && changed(f, base, FunctionSettings::reservedConcurrency)) {
            p.check(f.reservedConcurrency() >= 0, at + ".reservedConcurrency", "must not be negative");
        }
        if (changed(f, base, FunctionSettings::snapStart) || changed(f, base, FunctionSettings::provisionedConcurrency)) {
            p.check(!(f.snapStart() && f.provisionedConcurrency() > 0), at + ".snapStart",
                    "AWS does not allow SnapStart together with provisioned concurrency ("
                            + f.provisionedConcurrency() + "); turn one of them off");
        }
    }

    private static void queue(Problems p, String at, QueueSettings q, QueueSettings base, boolean fifo) {
        p.rangeIfChanged(q, base, QueueSettings::maxReceiveCount, 1, 1000, at + ".maxReceiveCount");
        p.rangeIfChanged(q, base, QueueSettings::visibilityTimeoutSeconds, 0, SQS_MAX_VISIBILITY,
                at + ".visibilityTimeoutSeconds");
        p.rangeIfChanged(q, base, QueueSettings::messageRetentionSeconds, SQS_MIN_RETENTION, SQS_MAX_RETENTION,
                at + ".messageRetentionSeconds");
        p.rangeIfChanged(q, base, QueueSettings::dlqRetentionSeconds, SQS_MIN_RETENTION, SQS_MAX_RETENTION,
                at + ".dlqRetentionSeconds");
        p.rangeIfChanged(q, base, QueueSettings::maximumBatchingWindowSeconds, 0, 300,
                at + ".maximumBatchingWindowSeconds");
        p.rangeIfChanged(q, base, QueueSettings::targetRetryAttempts, 0, 185, at + ".targetRetryAttempts");
        p.rangeIfChanged(q, base, QueueSettings::targetMaxEventAgeSeconds, 60, 86_400, at + ".targetMaxEventAgeSeconds");
        if (changed(q, base, QueueSettings::batchSize) || fifo) {
            int max = fifo ? 10 : 10_000;
            p.range(q.batchSize(), 1, max, at + ".batchSize");
        }
        if (changed(q, base, QueueSettings::batchSize) || changed(q, base, QueueSettings::maximumBatchingWindowSeconds)) {
            p.check(q.batchSize() <= 10 || q.maximumBatchingWindowSeconds() >= 1, at + ".maximumBatchingWindowSeconds",
                    "a batch size above 10 (" + q.batchSize() + ") needs a batching window of at least 1 second");
        }
        if (base == null || changed(q, base, QueueSettings::dlqRetentionSeconds)
                || changed(q, base, QueueSettings::messageRetentionSeconds)) {
            // SQS keeps a standard message's original enqueue time when it moves to the DLQ: a message that aged in
            // the source queue has only (DLQ retention - its age) left there, nothing at all if the two are equal.
            // The DLQ must outlive its source. SQS Developer Guide, "Using dead-letter queues in Amazon SQS"
            // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
            p.check(q.dlqRetentionSeconds() > q.messageRetentionSeconds(), at + ".dlqRetentionSeconds",
                    "must be more than messageRetentionSeconds (" + q.messageRetentionSeconds() + "; got "
                            + q.dlqRetentionSeconds() + "): the DLQ counts age from the original enqueue time, so a"
                            + " message that aged in the queue would expire in the DLQ at once");
        }
    }

    private static void subscription(Problems p, String at, SubscriptionSettings s, PatternSettings all) {
        p.check(Set.of("notifications", "alarms").contains(s.topic()), at + ".topic",
                "must be notifications or alarms (got '" + s.topic() + "')");
        p.check(Set.of("email", "sqs", "lambda", "https").contains(s.protocol()), at + ".protocol",
                "must be email, sqs, lambda or https (got '" + s.protocol() + "')");
        p.check(s.endpoint() != null && !s.endpoint().isBlank(), at + ".endpoint", "must not be empty");
        if ("https".equals(s.protocol()) && s.endpoint() != null) {
            p.check(s.endpoint().startsWith("https://"), at + ".endpoint", "an https subscription needs an https:// URL");
        }
        if (Set.of("sqs", "lambda").contains(s.protocol()) && s.endpoint() != null) {
            if (s.consumerEndpoint().isPresent()) {
                String consumer = s.consumerEndpoint().get();
                p.check(all.consumer(consumer).isPresent(), at + ".endpoint",
                        "names no consumer of this pattern ('" + consumer + "'; consumers: "
                                + all.consumers().stream().map(ConsumerSettings::name).toList() + ")");
                // The pattern's topics are standard topics, which cannot deliver to a FIFO queue (SNS Developer
                // Guide, "FIFO topics": a FIFO queue subscribes to FIFO topics only).
                p.check(!"sqs".equals(s.protocol()) || all.consumer(consumer).map(c -> !c.fifo()).orElse(true),
                        at + ".endpoint", "consumer '" + consumer + "' has a FIFO queue, which a standard SNS topic"
                                + " cannot deliver to");
            } else {
                p.check(s.endpoint().matches("arn:[a-z-]+:" + s.protocol() + ":.+"), at + ".endpoint",
                        "an " + s.protocol() + " subscription needs the " + s.protocol() + " ARN of its endpoint, or "
                                + SubscriptionSettings.CONSUMER_PREFIX + "<name> for a consumer of this pattern (got '"
                                + s.endpoint() + "')");
            }
        }
        s.filterPolicy().ifPresent(fp -> {
            try {
                p.check(JSON.readTree(fp).isObject(), at + ".filterPolicy", "must be a JSON object");
            } catch (Exception e) {
                p.add(at + ".filterPolicy", "is not JSON: " + firstLine(e.getMessage()));
            }
        });
    }

    private static <T> boolean changed(T value, T base, Function<T, Object> field) {
        return base == null || !Objects.equals(field.apply(value), field.apply(base));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Collects problems as "field: message". */
    static final class Problems {
        private final List<String> sink;

        Problems(List<String> sink) {
            this.sink = sink;
        }

        void add(String field, String message) {
            sink.add(field + ": " + message);
        }

        void check(boolean ok, String field, String message) {
            if (!ok) {
                add(field, message);
            }
        }

        void range(int value, int min, int max, String field) {
            check(value >= min && value <= max, field, "must be between " + min + " and " + max + " (got " + value + ")");
        }

        <T> void rangeIfChanged(T value, T base, Function<T, Integer> getter, int min, int max, String field) {
            if (base == null || !Objects.equals(getter.apply(value), getter.apply(base))) {
                range(getter.apply(value), min, max, field);
            }
        }
    }
}
