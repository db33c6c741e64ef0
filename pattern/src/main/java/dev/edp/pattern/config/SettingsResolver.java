package dev.edp.pattern.config;

import dev.edp.events.ProgramDirectory;
import dev.edp.events.QueueDefaults;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.PatternSettings.AlarmSettings;
import dev.edp.pattern.config.PatternSettings.AuditSettings;
import dev.edp.pattern.config.PatternSettings.BucketSettings;
import dev.edp.pattern.config.PatternSettings.BusSettings;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.FileSourceSettings;
import dev.edp.pattern.config.PatternSettings.FunctionSettings;
import dev.edp.pattern.config.PatternSettings.Kind;
import dev.edp.pattern.config.PatternSettings.QueueSettings;
import dev.edp.pattern.config.PatternSettings.ScheduleSettings;
import dev.edp.pattern.config.PatternSettings.SchemaSettings;
import dev.edp.pattern.config.PatternSettings.SubscriptionSettings;
import dev.edp.pattern.config.PatternSettings.TableIndex;
import dev.edp.pattern.config.PatternSettings.TableKey;
import dev.edp.pattern.config.PatternSettings.TableSettings;
import dev.edp.pattern.config.PatternSettings.TaskSettings;
import dev.edp.pattern.config.PatternSettings.WorkflowSettings;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.Architecture;
import dev.edp.pattern.inputs.LogLevel;
import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.KeyType;
import dev.edp.pattern.inputs.PatternTopic;
import dev.edp.pattern.inputs.ProjectionType;
import dev.edp.pattern.inputs.SubscriptionProtocol;
import dev.edp.pattern.inputs.WorkflowLogLevel;
import dev.edp.pattern.inputs.WorkflowType;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.TableKeyArgs;
import dev.edp.pattern.inputs.TaskArgs;
import dev.edp.pattern.inputs.WorkflowArgs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@link EventDrivenPatternArgs} into {@link PatternSettings}. Each layer the user wrote is validated where
 * it was written ({@link ConfigValidator}); then the layers are merged, most specific first (a task's or consumer's
 * own function, then the workflow's task defaults, then {@code functionDefaults}, then the environment's preset:
 * {@link EnvironmentPreset}, the one place defaults live); then the rules that relate fields of the merged result
 * are checked, naming the consumer's field. Every problem is reported at once.
 */
public final class SettingsResolver {

    /**
     * The Args merged in layers (a consumer's or task's own, the workflow's task defaults, the pattern-wide ones, then
     * the preset: {@link #function}, {@link #queue}, {@link #alarms}): an unset field takes the next layer's value,
     * so the default of such a field is only the bottom layer's and must never be sent as if it were set.
     */
    /** The protocols whose endpoint is an ARN of the service of the same name. */
    private static final Set<SubscriptionProtocol> ARN_ENDPOINTS = java.util.EnumSet.of(SubscriptionProtocol.SQS,
            SubscriptionProtocol.LAMBDA, SubscriptionProtocol.FIREHOSE);

    public static final Set<Class<?>> LAYERED = Set.of(FunctionArgs.class, QueueDefaultsArgs.class, AlarmArgs.class);

    private SettingsResolver() {
    }

    /** Resolves and validates; throws {@link InvalidConfigException} listing every problem. */
    public static PatternSettings resolve(String name, EventDrivenPatternArgs args) {
        Problems p = new Problems();
        p.check(name != null && ConfigValidator.COMPONENT_NAME.matcher(name).matches(), "name",
                "the component name must be 1..20 lowercase letters, digits or dashes, starting with a letter (got '"
                        + name + "'): it prefixes every resource name, whose AWS limits are 64 characters");
        Optional<Environment> parsed = Environment.parse(args.environment());
        if (parsed.isEmpty()) {
            p.add("environment", "must be one of dev, staging, prod (got "
                    + (args.environment() == null ? "nothing" : "'" + args.environment() + "'") + ")");
        }
        // Resolve with the dev preset when the environment is wrong, so the other problems are reported too.
        Environment environment = parsed.orElse(Environment.DEV);
        EnvironmentPreset preset = EnvironmentPreset.of(environment);

        ConfigValidator.function(p, "functionDefaults", args.functionDefaults());
        ConfigValidator.queue(p, "queueDefaults", args.queueDefaults());
        ConfigValidator.alarms(p, "alarms", args.alarms(), true);
        FunctionSettings functionDefaults = function(preset, List.of(args.functionDefaults()));
        QueueSettings queueDefaults = queue(preset, functionDefaults, List.of(args.queueDefaults()));
        ConfigValidator.mergedQueue(p, "queueDefaults", queueDefaults, false, null);
        AlarmSettings alarms = alarms(List.of(args.alarms()));

        BusSettings bus = bus(p, args, preset);
        TableSettings table = table(p, args, preset);
        List<SubscriptionSettings> subscriptions = subscriptions(p, "subscriptions", args.subscriptions(), true);

        Names names = new Names(p);
        List<FileSourceSettings> fileSources = new ArrayList<>();
        for (int i = 0; i < args.fileSources().size(); i++) {
            var f = args.fileSources().get(i);
            String at = "fileSources[" + i + "]";
            if (!names.bucket(at, f.name())) {
                continue;
            }
            f.prefix().ifPresent(prefix -> p.check(!prefix.isEmpty(), at + ".prefix", "must not be empty (leave it unset)"));
            for (String suffix : f.suffixes()) {
                p.check(suffix != null && !suffix.isEmpty(), at + ".suffixes", "a suffix must not be empty");
            }
            fileSources.add(new FileSourceSettings(f.name(), f.existingBucketName(), f.prefix(), f.suffixes()));
        }
        List<BucketSettings> buckets = new ArrayList<>();
        for (int i = 0; i < args.buckets().size(); i++) {
            var b = args.buckets().get(i);
            String at = "buckets[" + i + "]";
            if (!names.bucket(at, b.name())) {
                continue;
            }
            b.expireAfterDays().ifPresent(d -> p.check(d >= 1, at + ".expireAfterDays", "must be at least 1 (got " + d + ")"));
            buckets.add(new BucketSettings(b.name(), b.expireAfterDays()));
        }

        List<ConsumerSettings> consumers = new ArrayList<>();
        for (int i = 0; i < args.consumers().size(); i++) {
            ConsumerArgs c = args.consumers().get(i);
            if (c != null && !c.enabled().orElse(true)) {
                continue;
            }
            if (names.consumer("consumers[" + i + "]", c == null ? null : c.name())) {
                consumers.add(consumer(p, "consumers[" + c.name() + "]", c, args, preset, functionDefaults, alarms,
                        names));
            }
        }
        Set<String> workflowNames = new HashSet<>();
        consumers.stream().filter(c -> c.kind() == Kind.WORKFLOW).forEach(c -> workflowNames.add(c.name()));
        Set<String> bucketNames = new HashSet<>();
        fileSources.forEach(f -> bucketNames.add(f.name()));
        buckets.forEach(b -> bucketNames.add(b.name()));
        for (ConsumerSettings c : consumers) {
            String at = "consumers[" + c.name() + "]";
            references(p, at, c.grants(), c.environment(), bucketNames, workflowNames, table.enabled());
            c.fileSource().ifPresent(f -> p.check(fileSources.stream().anyMatch(s -> s.name().equals(f)),
                    at + ".fileSource", "no file source is named '" + f + "'"));
            c.workflow().ifPresent(w -> {
                references(p, at + ".workflow", w.grants(), Map.of(), bucketNames, workflowNames, table.enabled());
                w.tasks().forEach(t -> references(p, at + ".workflow.tasks[" + t.name() + "]", t.grants(),
                        t.environment(), bucketNames, workflowNames, table.enabled()));
            });
        }

        for (int i = 0; i < subscriptions.size(); i++) {
            SubscriptionSettings s = subscriptions.get(i);
            String at = "subscriptions[" + i + "].endpoint";
            s.consumerEndpoint().ifPresent(target -> {
                Optional<ConsumerSettings> consumer = consumers.stream().filter(c -> c.name().equals(target)).findFirst();
                p.check(consumer.isPresent(), at, "names no consumer of this pattern ('" + target + "'; consumers: "
                        + consumers.stream().map(ConsumerSettings::name).toList() + ")");
                consumer.ifPresent(c -> {
                    if (s.protocol() == SubscriptionProtocol.SQS) {
                        p.check(c.kind() == Kind.QUEUE, at, "consumer '" + target + "' has no queue (kind "
                                + c.kind().id() + ")");
                        // The pattern's topics are standard topics, which cannot deliver to a FIFO queue (SNS
                        // Developer Guide, "FIFO topics": a FIFO queue subscribes to FIFO topics only).
                        p.check(!c.fifo(), at, "consumer '" + target + "' has a FIFO queue, which a standard SNS topic"
                                + " cannot deliver to");
                    } else if (s.protocol() == SubscriptionProtocol.LAMBDA) {
                        p.check(c.kind().hasFunction(), at, "consumer '" + target + "' has no function (kind "
                                + c.kind().id() + ")");
                    }
                });
            });
        }

        List<ScheduleSettings> schedules = new ArrayList<>();
        for (int i = 0; i < args.schedules().size(); i++) {
            var s = args.schedules().get(i);
            String at = "schedules[" + i + "]";
            if (!names.schedule(at, s.name())) {
                continue;
            }
            at = "schedules[" + s.name() + "]";
            p.check(s.expression() != null && s.expression().matches("(rate|cron|at)\\(.+\\)"), at + ".expression",
                    "must be rate(...), cron(...) or at(...) (EventBridge Scheduler; got '" + s.expression() + "')");
            s.detail().ifPresent(d -> ConfigValidator.jsonObject(p, s.name() == null ? "schedules" : "schedules["
                    + s.name() + "].detail", d));
            if (s.consumer().isPresent()) {
                String target = s.consumer().get();
                Optional<ConsumerSettings> consumer = consumers.stream().filter(c -> c.name().equals(target)).findFirst();
                p.check(consumer.isPresent() && consumer.get().kind().hasFunction(), at + ".consumer",
                        "must name a consumer of kind queue or function (got '" + target + "')");
                p.check(s.source().isEmpty() && s.detailType().isEmpty(), at + ".consumer",
                        "a schedule invoking a consumer puts no event on the bus: leave source and detailType unset");
            }
            schedules.add(new ScheduleSettings(s.name(), s.expression(),
                    s.timezone().orElse(EnvironmentPreset.SCHEDULE_TIMEZONE),
                    s.description().orElse("EDP schedule " + s.name()), s.consumer(),
                    s.source().orElse(EnvironmentPreset.SCHEDULE_SOURCE),
                    s.detailType().orElse(EnvironmentPreset.SCHEDULE_DETAIL_TYPE), s.detail().orElse("{}"),
                    s.enabled().orElse(true)));
        }

        var au = args.audit();
        AuditSettings audit = new AuditSettings(
                au.enabled().orElse(true),
                au.infrequentAccessAfterDays().orElse(EnvironmentPreset.AUDIT_IA_AFTER_DAYS),
                au.glacierAfterDays().orElse(EnvironmentPreset.AUDIT_GLACIER_AFTER_DAYS),
                au.expireAfterDays().orElse(preset.auditExpireAfterDays()),
                au.bufferingSeconds().orElse(preset.auditBufferingSeconds()),
                au.bufferingMb().orElse(EnvironmentPreset.AUDIT_BUFFERING_MB));
        if (audit.enabled()) {
            ConfigValidator.audit(p, "audit", au, audit);
        }

        Map<String, String> tags = new TreeMap<>(args.tags());
        tags.put("edp:pattern", String.valueOf(name));
        tags.put("edp:environment", environment.id());

        var accessLogs = new PatternSettings.AccessLogSettings(args.accessLogs().enabled().orElse(true),
                args.accessLogs().expireAfterDays().orElse(EnvironmentPreset.accessLogExpireAfterDays(environment)));
        if (accessLogs.enabled()) {
            p.check(accessLogs.expireAfterDays() >= 1, "accessLogs.expireAfterDays",
                    "must be at least 1 day (got " + accessLogs.expireAfterDays() + ")");
        }

        p.throwIfAny();
        return new PatternSettings(name, environment, args.key().existingKeyArn(), bus, table,
                List.copyOf(subscriptions), List.copyOf(consumers), List.copyOf(fileSources), List.copyOf(buckets),
                List.copyOf(schedules), functionDefaults, queueDefaults, audit, alarms, accessLogs, Map.copyOf(tags));
    }

    private static ConsumerSettings consumer(Problems p, String at, ConsumerArgs c, EventDrivenPatternArgs args,
                                             EnvironmentPreset preset, FunctionSettings functionDefaults,
                                             AlarmSettings patternAlarms, Names names) {
        Kind kind = ConfigValidator.oneOf(p, at + ".kind", Kind.class, c.kind()).orElse(Kind.QUEUE);

        if (c.eventPattern().isPresent() == c.fileSource().isPresent()) {
            p.add(c.fileSource().isPresent() ? at + ".fileSource" : at + ".eventPattern",
                    c.fileSource().isPresent() ? "give either eventPattern or fileSource, not both"
                            : "is empty: every consumer needs an EventBridge event pattern (a JSON object) or a fileSource");
        } else {
            c.eventPattern().ifPresent(pattern -> ConfigValidator.eventPattern(p, at + ".eventPattern", pattern));
        }
        if (c.inputPath().isPresent() && c.inputTransformer().isPresent()) {
            p.add(at + ".inputTransformer", "give either inputPath or inputTransformer, not both");
        }
        c.inputPath().ifPresent(path -> p.check(path.startsWith("$"), at + ".inputPath",
                "must be a JSONPath starting with $ (got '" + path + "')"));
        c.inputTransformer().ifPresent(t -> p.check(t.inputTemplate() != null && !t.inputTemplate().isBlank(),
                at + ".inputTransformer.inputTemplate", "must not be empty"));

        ConfigValidator.queue(p, at + ".queue", c.queue());
        ConfigValidator.alarms(p, at + ".alarms", c.alarms(), false);
        ConfigValidator.statements(p, at + ".statements", c.statements());
        List<Grant> grants = grants(p, at + ".grants", c.grants());

        Optional<FunctionSettings> function = Optional.empty();
        if (kind.hasFunction()) {
            ConfigValidator.function(p, at + ".function", c.function());
            FunctionSettings merged = function(preset, List.of(c.function(), args.functionDefaults()));
            ConfigValidator.mergedFunction(p, at + ".function", merged);
            function = Optional.of(merged);
        } else {
            notFor(p, at, kind, "function", hasAnything(c.function()));
            notFor(p, at, kind, "grants", !c.grants().isEmpty());
            notFor(p, at, kind, "statements", !c.statements().isEmpty());
            notFor(p, at, kind, "environment", !c.environment().isEmpty());
        }
        QueueSettings queue = queue(preset, function.orElse(functionDefaults), List.of(c.queue(), args.queueDefaults()));
        boolean fifo = c.fifo().orElse(false);
        if (kind == Kind.QUEUE) {
            p.check(!fifo || c.messageGroupId().filter(g -> !g.isBlank()).isPresent(), at + ".messageGroupId",
                    "a FIFO consumer needs a message group id: EventBridge must set one on every message it sends");
            c.messageGroupId().filter(g -> fifo && !g.isBlank()).ifPresent(g -> {
                p.check(g.length() <= 100, at + ".messageGroupId",
                        "must be at most 100 characters (EventBridge SqsParameters; got " + g.length() + ")");
                p.check(!g.startsWith("$") || ConfigValidator.MESSAGE_GROUP_PATH.matcher(g).matches(),
                        at + ".messageGroupId", "a JSON path must be in the dot notation EventBridge resolves at run"
                                + " time, e.g. $.detail.order_id (got '" + g + "')");
            });
            p.check(fifo || c.messageGroupId().isEmpty(), at + ".messageGroupId",
                    "only FIFO consumers take a message group id; set fifo: true or remove it");
            ConfigValidator.mergedQueue(p, at + ".queue", queue, fifo, c.queue());
            int needed = EnvironmentPreset.VISIBILITY_TIMEOUT_FACTOR * function.orElseThrow().timeoutSeconds();
            p.check(queue.visibilityTimeoutSeconds() >= needed, at + ".queue.visibilityTimeoutSeconds",
                    "must be at least 6 x function.timeoutSeconds = " + needed + " (AWS guidance for SQS event sources;"
                            + " got " + queue.visibilityTimeoutSeconds() + ")");
        } else {
            notFor(p, at, kind, "fifo", c.fifo().isPresent());
            notFor(p, at, kind, "messageGroupId", c.messageGroupId().isPresent());
        }
        if (kind == Kind.FUNCTION) {
            p.range(c.retryAttempts(), 0, 2, at + ".retryAttempts");
            p.range(c.maxEventAgeSeconds(), 60, 21_600, at + ".maxEventAgeSeconds");
        } else {
            notFor(p, at, kind, "retryAttempts", c.retryAttempts().isPresent());
            notFor(p, at, kind, "maxEventAgeSeconds", c.maxEventAgeSeconds().isPresent());
        }

        Optional<WorkflowSettings> workflow = Optional.empty();
        if (kind == Kind.WORKFLOW) {
            if (c.workflow().isEmpty()) {
                p.add(at + ".workflow", "a workflow consumer needs its state machine: a definition or an existing ARN");
            } else {
                workflow = Optional.of(workflow(p, at + ".workflow", c.workflow().get(), args, preset, names));
            }
        } else {
            notFor(p, at, kind, "workflow", c.workflow().isPresent());
        }
        List<SubscriptionSettings> subscriptions = List.of();
        if (kind == Kind.TOPIC) {
            subscriptions = subscriptions(p, at + ".subscriptions", c.subscriptions(), false);
            p.check(c.topicArn().isEmpty() || c.subscriptions().isEmpty(), at + ".subscriptions",
                    "subscriptions are for the topic the pattern creates; an existing topic (topicArn) keeps its own");
        } else {
            notFor(p, at, kind, "topicArn", c.topicArn().isPresent());
            notFor(p, at, kind, "subscriptions", !c.subscriptions().isEmpty());
        }
        if (kind == Kind.BUS) {
            p.check(c.targetBusArn().isPresent(), at + ".targetBusArn", "a bus consumer needs the ARN of the bus to forward to");
        } else {
            notFor(p, at, kind, "targetBusArn", c.targetBusArn().isPresent());
        }
        function.ifPresent(f -> c.alarms().lambdaDurationP99Ms().ifPresent(ms -> p.check(
                ms > 0 && ms <= f.timeoutSeconds() * 1000.0, at + ".alarms.lambdaDurationP99Ms",
                "must be more than 0 and at most the function's timeout (" + f.timeoutSeconds() * 1000
                        + " ms; got " + ms + ")")));
        return new ConsumerSettings(c.name(), c.description().orElse("EDP consumer " + c.name()), kind,
                c.eventPattern(), c.fileSource(), c.inputPath(), c.inputTransformer(), function, grants,
                c.statements(), new TreeMap<>(c.environment()), queue, fifo, c.messageGroupId(),
                c.retryAttempts().orElse(EnvironmentPreset.ASYNC_RETRY_ATTEMPTS),
                c.maxEventAgeSeconds().orElse(EnvironmentPreset.ASYNC_MAX_EVENT_AGE_SECONDS), workflow, c.topicArn(),
                subscriptions, c.targetBusArn(), alarms(List.of(c.alarms(), args.alarms())));
    }

    private static WorkflowSettings workflow(Problems p, String at, WorkflowArgs w, EventDrivenPatternArgs args,
                                             EnvironmentPreset preset, Names names) {
        int given = (w.definition().isPresent() ? 1 : 0) + (w.definitionFile().isPresent() ? 1 : 0)
                + (w.existingStateMachineArn().isPresent() ? 1 : 0);
        p.check(given == 1, at + ".definition",
                "give exactly one of definition, definitionFile and existingStateMachineArn");
        Optional<String> definition = w.definition();
        if (w.definitionFile().isPresent()) {
            try {
                definition = Optional.of(Files.readString(ProgramDirectory.resolve(w.definitionFile().get())));
            } catch (IOException e) {
                p.add(at + ".definitionFile", unreadable(w.definitionFile().get(), e));
            }
        }
        WorkflowType type = ConfigValidator.oneOf(p, at + ".type", WorkflowType.class, w.type())
                .orElse(EnvironmentPreset.WORKFLOW_TYPE);
        // OFF is not a WorkflowLogLevel: it would leave failures unrecorded.
        WorkflowLogLevel logLevel = ConfigValidator.oneOf(p, at + ".logLevel", WorkflowLogLevel.class, w.logLevel())
                .orElse(preset.workflowLogLevel());
        ConfigValidator.statements(p, at + ".statements", w.statements());
        List<Grant> grants = grants(p, at + ".grants", w.grants());
        ConfigValidator.function(p, at + ".taskDefaults", w.taskDefaults());

        List<TaskSettings> tasks = new ArrayList<>();
        for (int i = 0; i < w.tasks().size(); i++) {
            TaskArgs t = w.tasks().get(i);
            if (!names.consumer(at + ".tasks[" + i + "]", t == null ? null : t.name())) {
                continue;
            }
            String taskAt = at + ".tasks[" + t.name() + "]";
            ConfigValidator.function(p, taskAt + ".function", t.function());
            ConfigValidator.statements(p, taskAt + ".statements", t.statements());
            FunctionSettings f = function(preset, List.of(t.function(), w.taskDefaults(), args.functionDefaults()));
            ConfigValidator.mergedFunction(p, taskAt + ".function", f);
            tasks.add(new TaskSettings(t.name(), t.description().orElse("EDP workflow task " + t.name()), f,
                    grants(p, taskAt + ".grants", t.grants()), t.statements(), new TreeMap<>(t.environment())));
        }
        if (w.existingStateMachineArn().isPresent()) {
            p.check(tasks.isEmpty() && grants.isEmpty() && w.statements().isEmpty(), at + ".existingStateMachineArn",
                    "an existing state machine brings its own tasks and role: leave tasks, grants and statements unset");
        }
        definition.ifPresent(d -> {
            ConfigValidator.jsonObject(p, at + ".definition", d);
            Set<String> known = new HashSet<>(Placeholders.PATTERN_KEYS);
            tasks.forEach(t -> known.add("task:" + t.name()));
            known.addAll(w.substitutions().keySet());
            for (String placeholder : Placeholders.in(d)) {
                p.check(known.contains(placeholder), at + ".definition", "unknown placeholder ${" + placeholder
                        + "} (known: " + new java.util.TreeSet<>(known) + ")");
            }
        });
        return new WorkflowSettings(definition, w.substitutions(), w.existingStateMachineArn(), type, tasks, grants,
                w.statements(), logLevel, w.includeExecutionData().orElse(preset.workflowIncludeExecutionData()));
    }

    private static BusSettings bus(Problems p, EventDrivenPatternArgs args, EnvironmentPreset preset) {
        var b = args.bus();
        List<String> accounts = b.producerAccountIds().orElse(List.of());
        for (int i = 0; i < accounts.size(); i++) {
            String id = accounts.get(i);
            p.check(id != null && id.matches("\\d{12}"), "bus.producerAccountIds[" + i + "]",
                    "must be a 12-digit AWS account id (got '" + id + "')");
        }
        b.archiveRetentionDays().ifPresent(d -> p.check(d >= 0, "bus.archiveRetentionDays",
                "must be 0 (keep forever) or more days (got " + d + ")"));
        boolean existing = b.existingBusName().isPresent();
        boolean encrypt = b.encryptWithPatternKey().orElse(false);
        boolean registry = b.schemaRegistry().orElse(true);
        boolean discovery = b.schemaDiscovery().orElse(registry && !encrypt);
        p.check(!(discovery && encrypt), "bus.schemaDiscovery",
                "AWS does not allow schema discovery on a bus encrypted with a customer managed key; set "
                        + "bus.schemaDiscovery to false or bus.encryptWithPatternKey to false");
        p.check(!discovery || registry, "bus.schemaDiscovery", "the discoverer needs the registry (bus.schemaRegistry)");
        if (existing) {
            p.check(!encrypt, "bus.encryptWithPatternKey", "an existing bus keeps its own encryption");
            p.check(accounts.isEmpty(), "bus.producerAccountIds", "an existing bus keeps its own policy");
        }
        List<SchemaSettings> schemas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < b.schemas().size(); i++) {
            var s = b.schemas().get(i);
            String at = "bus.schemas[" + i + "]";
            if (s.name() == null || !s.name().matches("[A-Za-z0-9@._-]{1,385}")) {
                p.add(at + ".name", "must be 1..385 of letters, digits, @ . _ - (got '" + s.name() + "')");
                continue;
            }
            if (!seen.add(s.name())) {
                p.add(at + ".name", "duplicate schema name '" + s.name() + "'");
                continue;
            }
            if (!registry) {
                p.add(at, "schemas need the registry (bus.schemaRegistry)");
            }
            Optional<String> content = s.content();
            if (s.content().isPresent() == s.file().isPresent()) {
                p.add(at + ".content", "give exactly one of content and file");
            } else if (s.file().isPresent()) {
                try {
                    content = Optional.of(Files.readString(ProgramDirectory.resolve(s.file().get())));
                } catch (IOException e) {
                    p.add(at + ".file", unreadable(s.file().get(), e));
                }
            }
            content.ifPresent(text -> ConfigValidator.jsonObject(p, at + ".content", text));
            schemas.add(new SchemaSettings(s.name(), s.description().orElse(s.name() + " events"), content.orElse("{}")));
        }
        return new BusSettings(b.existingBusName(), accounts, b.archive().orElse(true),
                b.archiveRetentionDays().orElse(preset.archiveRetentionDays()), registry, discovery, encrypt,
                List.copyOf(schemas));
    }

    private static TableSettings table(Problems p, EventDrivenPatternArgs args, EnvironmentPreset preset) {
        var t = args.table();
        boolean enabled = t.enabled().orElse(true);
        TableKey pk = key(p, "table.partitionKey", t.partitionKey(), EnvironmentPreset.TABLE_PARTITION_KEY).orElseThrow();
        Optional<TableKey> sk = key(p, "table.sortKey", t.sortKey(), EnvironmentPreset.TABLE_SORT_KEY);
        List<TableIndex> indexes = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        for (int i = 0; i < t.globalSecondaryIndexes().size(); i++) {
            var index = t.globalSecondaryIndexes().get(i);
            String at = "table.globalSecondaryIndexes[" + i + "]";
            if (index.name() == null || !index.name().matches("[A-Za-z0-9_.-]{3,255}") || !indexNames.add(index.name())) {
                p.add(at + ".name", "must be a unique 3..255 of letters, digits, _ - . (got '" + index.name() + "')");
                continue;
            }
            if (index.partitionKey() == null) {
                p.add(at + ".partitionKey", "an index needs a partition key");
                continue;
            }
            String projection = ConfigValidator.oneOf(p, at + ".projectionType", ProjectionType.class,
                    index.projectionType()).orElse(ProjectionType.ALL).id();
            p.check(projection.equals("INCLUDE") == !index.nonKeyAttributes().isEmpty(), at + ".nonKeyAttributes",
                    "nonKeyAttributes go with projectionType INCLUDE, and only with it");
            indexes.add(new TableIndex(index.name(), key(p, at + ".partitionKey", Optional.of(index.partitionKey()),
                    null).orElseThrow(), key(p, at + ".sortKey", index.sortKey(), null), projection,
                    index.nonKeyAttributes()));
        }
        boolean existing = t.existingTableName().isPresent();
        if (existing) {
            p.check(t.partitionKey().isEmpty() && t.sortKey().isEmpty() && indexes.isEmpty()
                            && t.streamEnabled().isEmpty() && t.ttlAttribute().isEmpty(), "table.existingTableName",
                    "an existing table keeps its own keys, indexes, stream and TTL: leave those unset");
        }
        if (!enabled) {
            p.check(!existing, "table.enabled", "existingTableName needs enabled (or unset)");
        }
        String ttl = t.ttlAttribute().orElse(EnvironmentPreset.TTL_ATTRIBUTE);
        p.check(!ttl.isBlank() && !ttl.equals(pk.name()) && sk.map(k -> !k.name().equals(ttl)).orElse(true),
                "table.ttlAttribute", "must be a non-key attribute name (got '" + ttl + "')");
        return new TableSettings(enabled, t.existingTableName(), pk, sk, List.copyOf(indexes),
                t.deletionProtection().orElse(preset.tableDeletionProtection()), t.streamEnabled().orElse(false), ttl);
    }

    private static Optional<TableKey> key(Problems p, String at, Optional<TableKeyArgs> given, String defaultName) {
        if (given.isEmpty()) {
            return defaultName == null ? Optional.empty() : Optional.of(new TableKey(defaultName, KeyType.S.id()));
        }
        TableKeyArgs k = given.get();
        if (k.name() != null && k.name().isEmpty() && defaultName != null && at.endsWith("sortKey")) {
            return Optional.empty();
        }
        p.check(k.name() != null && !k.name().isBlank(), at + ".name", "a key needs an attribute name");
        String type = ConfigValidator.oneOf(p, at + ".type", KeyType.class, k.type()).orElse(KeyType.S).id();
        return Optional.of(new TableKey(String.valueOf(k.name()), type));
    }

    private static List<SubscriptionSettings> subscriptions(Problems p, String at, List<SubscriptionArgs> list,
                                                            boolean patternTopics) {
        List<SubscriptionSettings> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            SubscriptionArgs s = list.get(i);
            String field = at + "[" + i + "]";
            String topic = s.topic().orElse(patternTopics ? "" : "own");
            if (patternTopics) {
                p.check(s.topic().isPresent(), field + ".topic", "must be " + ClosedSet.describe(PatternTopic.class)
                        + " (got nothing)");
                ConfigValidator.oneOf(p, field + ".topic", PatternTopic.class, s.topic());
            } else {
                p.check(s.topic().isEmpty(), field + ".topic", "a topic consumer's subscriptions are to its own topic");
            }
            Optional<SubscriptionProtocol> protocol = ConfigValidator.oneOf(p, field + ".protocol",
                    SubscriptionProtocol.class, Optional.of(String.valueOf(s.protocol())));
            boolean toAnArn = protocol.filter(ARN_ENDPOINTS::contains).isPresent();
            if (s.endpoint() == null) {
                p.add(field + ".endpoint", "must not be empty");
            } else {
                ConfigValidator.knownNow(s.endpoint()).ifPresent(endpoint -> {
                    p.check(!endpoint.isBlank(), field + ".endpoint", "must not be empty");
                    if (protocol.orElse(null) == SubscriptionProtocol.HTTPS) {
                        p.check(endpoint.startsWith("https://"), field + ".endpoint", "an https subscription needs an https:// URL");
                    }
                    if (toAnArn && !endpoint.isBlank()
                            && !(patternTopics && endpoint.startsWith(SubscriptionSettings.CONSUMER_PREFIX))) {
                        p.check(endpoint.matches("arn:[a-z-]+:" + s.protocol() + ":.+"), field + ".endpoint",
                                "an " + s.protocol() + " subscription needs the " + s.protocol() + " ARN of its endpoint"
                                        + (patternTopics ? ", or " + SubscriptionSettings.CONSUMER_PREFIX
                                        + "<name> for a consumer of this pattern" : "") + " (got '" + endpoint + "')");
                    }
                });
            }
            s.filterPolicy().ifPresent(fp -> ConfigValidator.jsonObject(p, field + ".filterPolicy", fp));
            Optional<String> consumerEndpoint = s.endpoint() == null ? Optional.empty()
                    : ConfigValidator.knownNow(s.endpoint())
                    .filter(e -> e.startsWith(SubscriptionSettings.CONSUMER_PREFIX))
                    .map(e -> e.substring(SubscriptionSettings.CONSUMER_PREFIX.length()));
            // A protocol outside the set is a problem above, and the settings are never used then.
            result.add(new SubscriptionSettings(topic, protocol.orElse(SubscriptionProtocol.EMAIL),
                    s.endpoint() == null ? com.pulumi.core.Output.of("") : s.endpoint(), s.filterPolicy(),
                    s.rawMessageDelivery().orElse(false), consumerEndpoint));
        }
        return result;
    }

    private static List<Grant> grants(Problems p, String at, List<String> ids) {
        List<Grant> grants = new ArrayList<>();
        for (String id : ids) {
            Grant.parse(id).ifPresentOrElse(g -> {
                if (!grants.contains(g)) {
                    grants.add(g);
                }
            }, () -> p.add(at, "unknown grant '" + id + "' (one of " + Grant.FORMS + ")"));
        }
        return List.copyOf(grants);
    }

    /** Grants and environment placeholders must name things that exist. */
    private static void references(Problems p, String at, List<Grant> grants, Map<String, String> environment,
                                   Set<String> buckets, Set<String> workflows, boolean table) {
        for (Grant g : grants) {
            switch (g.kind()) {
                case BUCKET_READ, BUCKET_WRITE -> p.check(buckets.contains(g.target()), at + ".grants",
                        "no file source or bucket is named '" + g.target() + "' (have " + new java.util.TreeSet<>(buckets) + ")");
                case WORKFLOW_CALLBACK -> p.check(workflows.contains(g.target()), at + ".grants",
                        "no workflow consumer is named '" + g.target() + "'");
                case TABLE_READ, TABLE_WRITE -> p.check(table, at + ".grants", "the table is turned off (table.enabled)");
                default -> {
                }
            }
        }
        environment.forEach((variable, value) -> {
            for (String placeholder : Placeholders.in(value)) {
                boolean known = Placeholders.PATTERN_KEYS.contains(placeholder)
                        || placeholder.startsWith("bucket:") && buckets.contains(Placeholders.bucketName(placeholder))
                        || placeholder.startsWith("workflow:") && workflows.contains(placeholder.substring(9));
                p.check(known, at + ".environment." + variable, "unknown placeholder ${" + placeholder + "}");
            }
            p.check(!variable.startsWith("EDP_") || !Placeholders.RESERVED_VARIABLES.contains(variable),
                    at + ".environment." + variable, "is set by the pattern itself");
        });
    }

    private static void notFor(Problems p, String at, Kind kind, String field, boolean given) {
        p.check(!given, at + "." + field, "does not apply to a consumer of kind " + kind.id());
    }

    private static boolean hasAnything(FunctionArgs f) {
        return f.code().isPresent() || f.handler().isPresent() || f.runtime().isPresent() || f.memoryMb().isPresent()
                || f.timeoutSeconds().isPresent() || f.codeS3Bucket().isPresent();
    }

    static FunctionSettings function(EnvironmentPreset preset, List<FunctionArgs> layers) {
        String runtime = first(layers, FunctionArgs::runtime).orElse(EnvironmentPreset.RUNTIME);
        int provisioned = first(layers, FunctionArgs::provisionedConcurrency).orElse(preset.provisionedConcurrency());
        boolean snapStart = first(layers, FunctionArgs::snapStart)
                .orElse(preset.snapStartForJava() && runtime.startsWith("java") && provisioned == 0);
        return new FunctionSettings(
                first(layers, FunctionArgs::code),
                first(layers, FunctionArgs::codeS3Bucket),
                first(layers, FunctionArgs::codeS3Key),
                first(layers, FunctionArgs::codeS3ObjectVersion),
                runtime,
                first(layers, FunctionArgs::handler).orElse(""),
                first(layers, FunctionArgs::layers),
                first(layers, FunctionArgs::subnetIds),
                first(layers, FunctionArgs::securityGroupIds),
                first(layers, FunctionArgs::ephemeralStorageMb).orElse(EnvironmentPreset.EPHEMERAL_STORAGE_MB),
                first(layers, FunctionArgs::memoryMb).orElse(preset.memoryMb()),
                first(layers, FunctionArgs::timeoutSeconds).orElse(EnvironmentPreset.TIMEOUT_SECONDS),
                // a value outside the set is the layer's problem (ConfigValidator.function); the default stands in
                first(layers, FunctionArgs::architecture).flatMap(a -> ClosedSet.parse(Architecture.class, a))
                        .orElse(EnvironmentPreset.ARCHITECTURE),
                first(layers, FunctionArgs::logRetentionDays).orElse(preset.logRetentionDays()),
                first(layers, FunctionArgs::logLevel).flatMap(l -> ClosedSet.parse(LogLevel.class, l))
                        .orElse(preset.logLevel()),
                provisioned,
                first(layers, FunctionArgs::reservedConcurrency).orElse(null),
                first(layers, FunctionArgs::maximumConcurrency).orElse(preset.maximumConcurrency()),
                snapStart);
    }

    private static QueueSettings queue(EnvironmentPreset preset, FunctionSettings function,
                                       List<QueueDefaultsArgs> layers) {
        return new QueueSettings(
                first(layers, QueueDefaultsArgs::maxReceiveCount).orElse(QueueDefaults.MAX_RECEIVE_COUNT),
                first(layers, QueueDefaultsArgs::visibilityTimeoutSeconds)
                        .orElse(EnvironmentPreset.VISIBILITY_TIMEOUT_FACTOR * function.timeoutSeconds()),
                first(layers, QueueDefaultsArgs::messageRetentionSeconds).orElse(preset.messageRetentionSeconds()),
                first(layers, QueueDefaultsArgs::dlqRetentionSeconds).orElse(EnvironmentPreset.DLQ_RETENTION_SECONDS),
                first(layers, QueueDefaultsArgs::batchSize).orElse(EnvironmentPreset.BATCH_SIZE),
                first(layers, QueueDefaultsArgs::maximumBatchingWindowSeconds)
                        .orElse(preset.maximumBatchingWindowSeconds()),
                first(layers, QueueDefaultsArgs::targetRetryAttempts).orElse(EnvironmentPreset.TARGET_RETRY_ATTEMPTS),
                first(layers, QueueDefaultsArgs::targetMaxEventAgeSeconds).orElse(preset.targetMaxEventAgeSeconds()));
    }

    private static AlarmSettings alarms(List<AlarmArgs> layers) {
        return new AlarmSettings(
                first(layers, AlarmArgs::enabled).orElse(true),
                first(layers, AlarmArgs::dashboard).orElse(true),
                first(layers, AlarmArgs::periodSeconds).orElse(EnvironmentPreset.ALARM_PERIOD_SECONDS),
                first(layers, AlarmArgs::eventBridgeFailedInvocations).orElse(EnvironmentPreset.ALARM_EVENTBRIDGE_FAILED_INVOCATIONS),
                first(layers, AlarmArgs::lambdaErrors).orElse(EnvironmentPreset.ALARM_LAMBDA_ERRORS),
                first(layers, AlarmArgs::lambdaDurationP99Ms).orElse(EnvironmentPreset.ALARM_LAMBDA_DURATION_P99_MS),
                first(layers, AlarmArgs::lambdaThrottles).orElse(EnvironmentPreset.ALARM_LAMBDA_THROTTLES),
                first(layers, AlarmArgs::queueDepth).orElse(EnvironmentPreset.ALARM_QUEUE_DEPTH),
                first(layers, AlarmArgs::queueOldestMessageAgeSeconds).orElse(EnvironmentPreset.ALARM_QUEUE_OLDEST_MESSAGE_AGE_SECONDS),
                first(layers, AlarmArgs::dlqMessages).orElse(EnvironmentPreset.ALARM_DLQ_MESSAGES),
                first(layers, AlarmArgs::workflowFailed).orElse(EnvironmentPreset.ALARM_WORKFLOW_FAILED),
                first(layers, AlarmArgs::workflowThrottled).orElse(EnvironmentPreset.ALARM_WORKFLOW_THROTTLED));
    }

    /** The first layer that sets the value. */
    private static <L, T> Optional<T> first(List<L> layers, Function<L, Optional<T>> getter) {
        return layers.stream().map(getter).flatMap(Optional::stream).findFirst();
    }

    /** Names must be valid and unique: consumers and tasks share one namespace (their resources' names), buckets another. */
    private static final class Names {
        private final Problems p;
        private final Set<String> functions = new HashSet<>();
        private final Set<String> buckets = new HashSet<>();
        private final Set<String> schedules = new HashSet<>();

        Names(Problems p) {
            this.p = p;
        }

        boolean consumer(String at, String name) {
            return check(at, name, functions, "consumer or task");
        }

        boolean bucket(String at, String name) {
            return check(at, name, buckets, "file source or bucket");
        }

        boolean schedule(String at, String name) {
            return check(at, name, schedules, "schedule");
        }

        private boolean check(String at, String name, Set<String> seen, String what) {
            if (name == null || name.isBlank()) {
                p.add(at + ".name", "every " + what + " needs a name");
                return false;
            }
            if (!ConfigValidator.ITEM_NAME.matcher(name).matches()) {
                p.add(at + ".name", "must be 1..30 lowercase letters, digits or dashes, starting with a letter (got '"
                        + name + "')");
                return false;
            }
            if (!seen.add(name)) {
                p.add(at + ".name", "duplicate " + what + " name '" + name + "'");
                return false;
            }
            return true;
        }
    }

    /** "cannot read" with the file as the program's directory resolves it, and why. */
    private static String unreadable(String file, IOException e) {
        return "cannot read " + ProgramDirectory.resolve(file).toAbsolutePath() + ": "
                + (e instanceof NoSuchFileException ? "no such file" : e.getMessage());
    }
}
