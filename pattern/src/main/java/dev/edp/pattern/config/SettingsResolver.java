package dev.edp.pattern.config;

import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.PatternSettings.AlarmSettings;
import dev.edp.pattern.config.PatternSettings.AuditSettings;
import dev.edp.pattern.config.PatternSettings.BusSettings;
import dev.edp.pattern.config.PatternSettings.ConsumerSettings;
import dev.edp.pattern.config.PatternSettings.CurIngestSettings;
import dev.edp.pattern.config.PatternSettings.FunctionSettings;
import dev.edp.pattern.config.PatternSettings.QueueSettings;
import dev.edp.pattern.config.PatternSettings.SubscriptionSettings;
import dev.edp.pattern.config.PatternSettings.TableSettings;
import dev.edp.pattern.config.PatternSettings.WorkflowSettings;
import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.events.SeedSchemas;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionDefaultsArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@link EventDrivenPatternArgs} into {@link PatternSettings}: the environment's preset first, then the
 * user's values on top, most specific last (pattern-wide defaults, then a seed consumer's own values, then the
 * user's consumer). Then validates the result once; see {@link ConfigValidator}.
 */
public final class SettingsResolver {

    private SettingsResolver() {
    }

    /** Resolves and validates; throws {@link InvalidConfigException} listing every problem. */
    public static PatternSettings resolve(String name, EventDrivenPatternArgs args) {
        List<String> problems = new ArrayList<>();
        Optional<Environment> parsed = Environment.parse(args.environment());
        if (parsed.isEmpty()) {
            problems.add("environment: must be one of dev, staging, prod (got "
                    + (args.environment() == null ? "nothing" : "'" + args.environment() + "'") + ")");
        }
        // Resolve with the dev preset when the environment is wrong, so the other problems are reported too.
        Environment environment = parsed.orElse(Environment.DEV);
        EnvironmentPreset preset = EnvironmentPreset.of(environment);

        FunctionSettings functionDefaults = function(preset, List.of(args.functionDefaults()));
        QueueSettings queueDefaults = queue(preset, functionDefaults, List.of(args.queueDefaults()));

        var curArgs = args.curIngest();
        boolean curEnabled = curArgs.enabled().orElse(true);
        List<ConsumerSettings> consumers = consumers(args, preset, curEnabled, problems);

        var busArgs = args.bus();
        BusSettings bus = new BusSettings(
                busArgs.producerAccountIds().orElse(List.of()),
                busArgs.archiveRetentionDays().orElse(preset.archiveRetentionDays()),
                busArgs.schemaDiscovery().orElse(true),
                busArgs.encryptWithPatternKey().orElse(false),
                busArgs.schemaEventTypes().orElse(SeedSchemas.DETAIL_TYPES));

        var tableArgs = args.table();
        TableSettings table = new TableSettings(
                tableArgs.deletionProtection().orElse(preset.tableDeletionProtection()),
                tableArgs.streamEnabled().orElse(false),
                tableArgs.ttlAttribute().orElse(EnvironmentPreset.TTL_ATTRIBUTE));

        List<SubscriptionSettings> subscriptions = args.subscriptions().stream()
                .map(s -> new SubscriptionSettings(s.topic(), s.protocol(), s.endpoint(), s.filterPolicy(),
                        s.rawMessageDelivery().orElse(false)))
                .toList();

        var wf = args.workflow();
        WorkflowSettings workflow = new WorkflowSettings(
                wf.enabled().orElse(true),
                wf.approvalTimeoutSeconds().orElse(EnvironmentPreset.APPROVAL_TIMEOUT_SECONDS),
                wf.logLevel().orElse(preset.workflowLogLevel()),
                wf.includeExecutionData().orElse(preset.workflowIncludeExecutionData()),
                function(preset, List.of(wf.function(), args.functionDefaults())));

        var au = args.audit();
        AuditSettings audit = new AuditSettings(
                au.enabled().orElse(true),
                au.infrequentAccessAfterDays().orElse(EnvironmentPreset.AUDIT_IA_AFTER_DAYS),
                au.glacierAfterDays().orElse(EnvironmentPreset.AUDIT_GLACIER_AFTER_DAYS),
                au.expireAfterDays().orElse(preset.auditExpireAfterDays()),
                au.bufferingSeconds().orElse(preset.auditBufferingSeconds()),
                au.bufferingMb().orElse(EnvironmentPreset.AUDIT_BUFFERING_MB));

        AlarmArgs al = args.alarms();
        AlarmSettings alarms = new AlarmSettings(
                al.enabled().orElse(true),
                al.periodSeconds().orElse(300),
                al.eventBridgeFailedInvocations().orElse(10.0),
                al.lambdaErrors().orElse(10.0),
                al.lambdaDurationP99Ms().orElse(10_000.0),
                al.lambdaThrottles().orElse(0.0),
                al.queueDepth().orElse(10_000.0),
                al.queueOldestMessageAgeSeconds().orElse(900.0),
                al.dlqMessages().orElse(1.0),
                al.workflowFailed().orElse(1.0),
                al.workflowThrottled().orElse(5.0));

        BigDecimal anomalyFactor = BigDecimal.valueOf(3);
        String rawFactor = curArgs.anomalyFactor().orElse(null);
        if (rawFactor != null) {
            try {
                anomalyFactor = new BigDecimal(rawFactor.trim());
            } catch (NumberFormatException e) {
                problems.add("curIngest.anomalyFactor: must be a decimal number (got '" + rawFactor + "')");
            }
        }
        CurIngestSettings curIngest = new CurIngestSettings(curEnabled, curArgs.existingBucketName(),
                curArgs.suffixes().orElse(EventPatterns.CUR_SUFFIXES), anomalyFactor,
                curArgs.anomalyWindowDays().orElse(7));

        Map<String, String> tags = new TreeMap<>(args.tags());
        tags.put("edp:pattern", name);
        tags.put("edp:environment", environment.id());

        PatternSettings settings = new PatternSettings(name, environment,
                args.runtimeJar().orElse(RuntimeHandlers.DEFAULT_JAR), functionDefaults, queueDefaults, consumers, bus,
                table, subscriptions, workflow, audit, alarms, curIngest, Map.copyOf(tags),
                new PatternSettings.AccessLogSettings(args.accessLogs().enabled().orElse(true),
                        args.accessLogs().expireAfterDays()
                                .orElse(EnvironmentPreset.accessLogExpireAfterDays(environment))));

        problems.addAll(ConfigValidator.validate(settings));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return settings;
    }

    /** Seed consumers (when included), with the user's consumers merged over them by name, in a stable order. */
    private static List<ConsumerSettings> consumers(EventDrivenPatternArgs args, EnvironmentPreset preset,
                                                    boolean curEnabled, List<String> problems) {
        Map<String, List<ConsumerArgs>> layersByName = new LinkedHashMap<>();
        if (args.includeSeedConsumers().orElse(true)) {
            SeedConsumers.domain().forEach(c -> layersByName.put(c.name(), new ArrayList<>(List.of(c))));
        }
        if (curEnabled) {
            layersByName.put(SeedConsumers.CUR_INGEST, new ArrayList<>(List.of(SeedConsumers.curIngest())));
        }
        Set<String> seen = new java.util.HashSet<>();
        List<ConsumerArgs> userConsumers = args.consumers();
        for (int i = 0; i < userConsumers.size(); i++) {
            ConsumerArgs c = userConsumers.get(i);
            String field = "consumers[" + i + "]";
            if (c == null || c.name() == null || c.name().isBlank()) {
                problems.add(field + ".name: every consumer needs a name");
                continue;
            }
            if (!seen.add(c.name())) {
                problems.add(field + ".name: duplicate consumer name '" + c.name() + "'");
                continue;
            }
            if (SeedConsumers.CUR_INGEST.equals(c.name()) && !curEnabled) {
                problems.add(field + ".name: 'cur-ingest' is the CUR consumer; it exists only with curIngest.enabled");
                continue;
            }
            // The user's layer goes first: it wins over the seed's values.
            layersByName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(0, c);
        }

        List<ConsumerSettings> result = new ArrayList<>();
        layersByName.forEach((consumerName, layers) -> {
            if (!first(layers, ConsumerArgs::enabled).orElse(true)) {
                return;
            }
            List<FunctionDefaultsArgs> functionLayers = new ArrayList<>();
            layers.forEach(l -> functionLayers.add(l.function()));
            functionLayers.add(args.functionDefaults());
            FunctionSettings function = function(preset, functionLayers);

            List<QueueDefaultsArgs> queueLayers = new ArrayList<>();
            layers.forEach(l -> queueLayers.add(l.queue()));
            queueLayers.add(args.queueDefaults());
            QueueSettings queue = queue(preset, function, queueLayers);

            Set<Grant> grants = EnumSet.noneOf(Grant.class);
            for (String g : first(layers, ConsumerArgs::grants).orElse(List.of())) {
                Grant.parse(g).ifPresentOrElse(grants::add, () -> problems.add("consumers[" + consumerName
                        + "].grants: unknown grant '" + g + "' (one of table:read, table:write, notifications:publish,"
                        + " bus:putEvents, workflow:callback, ingest:read, curated:write)"));
            }
            Map<String, String> environment = new TreeMap<>();
            for (int i = layers.size() - 1; i >= 0; i--) {
                environment.putAll(layers.get(i).environment().orElse(Map.of()));
            }
            result.add(new ConsumerSettings(consumerName,
                    first(layers, ConsumerArgs::description).orElse("EDP consumer " + consumerName),
                    first(layers, ConsumerArgs::eventPattern),
                    first(layers, ConsumerArgs::handler).orElse(""),
                    first(layers, ConsumerArgs::fifo).orElse(false),
                    first(layers, ConsumerArgs::messageGroupId),
                    Set.copyOf(grants), Map.copyOf(environment), function, queue,
                    first(layers, ConsumerArgs::durationAlarmP99Ms)));
        });
        return List.copyOf(result);
    }

    private static FunctionSettings function(EnvironmentPreset preset, List<FunctionDefaultsArgs> layers) {
        return new FunctionSettings(
                first(layers, FunctionDefaultsArgs::memoryMb).orElse(preset.memoryMb()),
                first(layers, FunctionDefaultsArgs::timeoutSeconds).orElse(EnvironmentPreset.TIMEOUT_SECONDS),
                first(layers, FunctionDefaultsArgs::architecture).orElse(EnvironmentPreset.ARCHITECTURE),
                first(layers, FunctionDefaultsArgs::logRetentionDays).orElse(preset.logRetentionDays()),
                first(layers, FunctionDefaultsArgs::logLevel).orElse(preset.logLevel()),
                first(layers, FunctionDefaultsArgs::provisionedConcurrency).orElse(preset.provisionedConcurrency()),
                first(layers, FunctionDefaultsArgs::reservedConcurrency).orElse(null),
                first(layers, FunctionDefaultsArgs::maximumConcurrency).orElse(preset.maximumConcurrency()),
                first(layers, FunctionDefaultsArgs::snapStart).orElse(preset.snapStart()));
    }

    private static QueueSettings queue(EnvironmentPreset preset, FunctionSettings function,
                                       List<QueueDefaultsArgs> layers) {
        return new QueueSettings(
                first(layers, QueueDefaultsArgs::maxReceiveCount).orElse(EnvironmentPreset.MAX_RECEIVE_COUNT),
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

    /** The first layer that sets the value. */
    private static <L, T> Optional<T> first(List<L> layers, Function<L, Optional<T>> getter) {
        return layers.stream().map(getter).flatMap(Optional::stream).findFirst();
    }
}
