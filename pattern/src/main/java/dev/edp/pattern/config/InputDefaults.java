package dev.edp.pattern.config;

import com.pulumi.asset.FileArchive;
import com.pulumi.core.annotations.Import;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.AccessLogArgs;
import dev.edp.pattern.inputs.AlarmArgs;
import dev.edp.pattern.inputs.AuditArgs;
import dev.edp.pattern.inputs.BusArgs;
import dev.edp.pattern.inputs.ClosedSet;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.pattern.inputs.ScheduleArgs;
import dev.edp.pattern.inputs.SchemaArgs;
import dev.edp.pattern.inputs.SubscriptionArgs;
import dev.edp.pattern.inputs.TableArgs;
import dev.edp.pattern.inputs.TableIndexArgs;
import dev.edp.pattern.inputs.TableKeyArgs;
import dev.edp.pattern.inputs.TaskArgs;
import dev.edp.pattern.inputs.WorkflowArgs;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The default of every input that has one, as the pattern applies it: not a table kept beside the code, but read
 * off {@link SettingsResolver}'s own result for a probe configuration that leaves the input unset, in each
 * environment. The provider states these in the package schema (a schema {@code default} where
 * {@link Default#schemaDefault()}, else in the description), so an SDK can never promise a default the code does
 * not apply.
 *
 * <p>A default is stated as a schema {@code default} (which the generated SDKs send as if the user had set it) only
 * when sending it changes nothing: the same in every environment, not a template of the item's name, not of an Args
 * class merged in layers ({@link SettingsResolver#LAYERED}: a consumer's own function must not send 30 s over the
 * 60 s of {@code functionDefaults}), not depending on another field (found by resolving a second probe whose other
 * fields differ), and giving the very same settings when set explicitly on every probe item (which also finds
 * the fields that must stay unset in some uses, such as a consumer schedule's {@code source}).
 */
public final class InputDefaults {

    /**
     * One input's default.
     *
     * @param byEnvironment its value in each environment (an enum's id, a string, a number or a boolean)
     * @param template      the value names the item ({@code EDP consumer <name>}): {@code <name>} stands for it
     * @param dependent     the value follows other fields (the javadoc states the rule)
     * @param schemaDefault safe to send as if set: see the class comment
     */
    public record Default(Map<Environment, Object> byEnvironment, boolean template, boolean dependent,
                          boolean schemaDefault) {

        /** The same in every environment. */
        public boolean fixed() {
            return byEnvironment.values().stream().distinct().count() == 1;
        }

        /** The value, when {@link #fixed()}. */
        public Object value() {
            return byEnvironment.get(Environment.DEV);
        }

        /** The default as a sentence: {@code Default: `30`.}, {@code Default (preset): dev 512, staging 1024, ...}. */
        public String sentence() {
            if (fixed()) {
                return "Default: `" + render(value()) + "`.";
            }
            StringBuilder out = new StringBuilder("Default (preset):");
            byEnvironment.forEach((env, v) -> out.append(env == Environment.DEV ? " " : ", ").append(env.id())
                    .append(' ').append(render(v)));
            return out.append('.').toString();
        }

        /** A value as the schema and the README show it: {@code 10}, not {@code 10.0}. */
        public static String render(Object value) {
            if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
                return String.valueOf(d.longValue());
            }
            return String.valueOf(value);
        }
    }

    private static final String PROBE_NAME = "probeitem";
    private static Map<String, Default> all;

    private InputDefaults() {
    }

    /** The default of {@code args}'s input {@code property} (its wire name), if it has one. */
    public static Optional<Default> of(Class<?> args, String property) {
        return Optional.ofNullable(all().get(args.getName() + "#" + property));
    }

    /** Every input's default, by {@code <Args class>#<property>}. */
    public static synchronized Map<String, Default> all() {
        if (all == null) {
            all = derive();
        }
        return all;
    }

    /** One Args instance of the probe and where its resolved settings are. */
    private record Item(Object args, String name, Function<PatternSettings, Object> settings) {
    }

    /**
     * The probe's three forms: {@code BASE} leaves every default unset but what a valid whole needs; {@code VARIED}
     * sets the fields other defaults follow (runtime, timeout, bus encryption, FIFO), to find those that follow;
     * {@code EXISTING} brings existing resources (table, bus, topic, state machine), whose use refuses some fields
     * that must then stay unset.
     */
    private enum Mode { BASE, VARIED, EXISTING }

    /** A configuration with one of each thing. */
    private static final class Probe {
        final List<Item> items = new ArrayList<>();
        final EventDrivenPatternArgs args;

        Probe(Environment environment, Mode mode) {
            boolean varied = mode == Mode.VARIED;
            boolean existing = mode == Mode.EXISTING;
            String pattern = "{\"source\":[\"probe\"]}";
            FunctionArgs functionDefaults = FunctionArgs.builder().code(new FileArchive("probe.jar"))
                    .runtime(varied ? "python3.12" : null)
                    .handler(varied ? "app.handle" : "probe.Handler::handle")
                    .timeoutSeconds(varied ? 120 : null).build();
            QueueDefaultsArgs queueDefaults = QueueDefaultsArgs.builder().build();
            AlarmArgs alarms = AlarmArgs.builder().build();
            SchemaArgs schema = SchemaArgs.builder().name("probe-schema").content("{}").build();
            BusArgs bus = BusArgs.builder().schemas(schema).encryptWithPatternKey(varied ? true : null)
                    .existingBusName(existing ? com.pulumi.core.Output.of("probe-bus") : null).build();
            TableKeyArgs indexKey = TableKeyArgs.builder().name("gpk").build();
            TableIndexArgs index = TableIndexArgs.builder().name("probe-index").partitionKey(indexKey).build();
            TableArgs table = existing ? TableArgs.builder().existingTableName("probe-table").build()
                    : TableArgs.builder().globalSecondaryIndexes(index).build();
            SubscriptionArgs subscription = SubscriptionArgs.builder().topic("notifications").protocol("email")
                    .endpoint("probe@example.com").build();
            SubscriptionArgs own = SubscriptionArgs.builder().protocol("email").endpoint("probe@example.com").build();
            ConsumerArgs queued = ConsumerArgs.builder().name(PROBE_NAME).eventPattern(pattern)
                    .fifo(varied ? true : null).messageGroupId(varied ? "probe" : null).build();
            ConsumerArgs direct = ConsumerArgs.builder().name("direct").kind("function").eventPattern(pattern).build();
            TaskArgs task = TaskArgs.builder().name("probe-task").build();
            WorkflowArgs workflow = existing
                    ? WorkflowArgs.builder().existingStateMachineArn("arn:aws:states:us-east-1:111122223333:"
                    + "stateMachine:probe").build()
                    : WorkflowArgs.builder().tasks(task).definition("{\"StartAt\":\"A\",\"States\":{\"A\":"
                    + "{\"Type\":\"Task\",\"Resource\":\"${task:probe-task}\",\"End\":true}}}").build();
            ConsumerArgs flow = ConsumerArgs.builder().name("flow").kind("workflow").eventPattern(pattern)
                    .workflow(workflow).build();
            ConsumerArgs topic = existing
                    ? ConsumerArgs.builder().name("fanout").kind("topic").eventPattern(pattern)
                    .topicArn("arn:aws:sns:us-east-1:111122223333:probe").build()
                    : ConsumerArgs.builder().name("fanout").kind("topic").eventPattern(pattern).subscriptions(own)
                    .build();
            ScheduleArgs onTheBus = ScheduleArgs.builder().name("probe-schedule").expression("rate(1 hour)").build();
            ScheduleArgs invoking = ScheduleArgs.builder().name("invoking").expression("rate(1 hour)")
                    .consumer("direct").build();
            AuditArgs audit = AuditArgs.builder().build();
            AccessLogArgs accessLogs = AccessLogArgs.builder().build();
            args = EventDrivenPatternArgs.builder().environment(environment.id())
                    .functionDefaults(functionDefaults).queueDefaults(queueDefaults).alarms(alarms).bus(bus)
                    .table(table).subscriptions(subscription).consumers(queued, direct, flow, topic)
                    .schedules(onTheBus, invoking).audit(audit).accessLogs(accessLogs).build();

            item(functionDefaults, null, PatternSettings::functionDefaults);
            item(queueDefaults, null, PatternSettings::queueDefaults);
            item(alarms, null, PatternSettings::alarms);
            item(bus, null, PatternSettings::bus);
            item(schema, "probe-schema", s -> s.bus().schemas().get(0));
            item(table, null, PatternSettings::table);
            if (!existing) {
                item(index, null, s -> s.table().globalSecondaryIndexes().get(0));
                item(indexKey, null, s -> s.table().globalSecondaryIndexes().get(0).partitionKey());
                item(task, "probe-task", s -> workflow(s).tasks().get(0));
            }
            item(subscription, null, s -> s.subscriptions().get(0));
            item(queued, PROBE_NAME, s -> s.consumer(PROBE_NAME).orElseThrow());
            item(direct, "direct", s -> s.consumer("direct").orElseThrow());
            item(flow, "flow", s -> s.consumer("flow").orElseThrow());
            item(topic, "fanout", s -> s.consumer("fanout").orElseThrow());
            item(workflow, null, InputDefaults::workflow);
            item(onTheBus, "probe-schedule", s -> s.schedules().get(0));
            item(invoking, "invoking", s -> s.schedules().get(1));
            item(audit, null, PatternSettings::audit);
            item(accessLogs, null, PatternSettings::accessLogs);
        }

        private void item(Object instance, String name, Function<PatternSettings, Object> settings) {
            items.add(new Item(instance, name, settings));
        }

        PatternSettings resolve() {
            return SettingsResolver.resolve("probe", args);
        }
    }

    private static PatternSettings.WorkflowSettings workflow(PatternSettings settings) {
        return settings.consumer("flow").orElseThrow().workflow().orElseThrow();
    }

    private static Map<String, Default> derive() {
        Map<String, Map<Environment, Object>> values = new LinkedHashMap<>();
        Map<String, Boolean> templates = new LinkedHashMap<>();
        Map<String, Boolean> dependent = new LinkedHashMap<>();
        for (Environment environment : Environment.values()) {
            Map<String, Object> base = observe(new Probe(environment, Mode.BASE), templates);
            Map<String, Object> varied = observe(new Probe(environment, Mode.VARIED), new LinkedHashMap<>());
            base.forEach((key, value) -> {
                values.computeIfAbsent(key, k -> new EnumMap<>(Environment.class)).put(environment, value);
                if (varied.containsKey(key) && !varied.get(key).equals(value)) {
                    dependent.put(key, true);
                }
            });
        }
        Map<String, Default> defaults = new LinkedHashMap<>();
        values.forEach((key, byEnvironment) -> {
            if (byEnvironment.size() != Environment.values().length) {
                return;
            }
            boolean template = templates.getOrDefault(key, false);
            boolean dependsOnOthers = dependent.getOrDefault(key, false);
            boolean fixed = byEnvironment.values().stream().distinct().count() == 1;
            String className = key.substring(0, key.indexOf('#'));
            boolean layered = SettingsResolver.LAYERED.stream().anyMatch(c -> c.getName().equals(className));
            boolean schemaDefault = fixed && !template && !dependsOnOthers && !layered
                    && sendingItChangesNothing(key, byEnvironment.get(Environment.DEV));
            defaults.put(key, new Default(Map.copyOf(byEnvironment).entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                            (a, b) -> a, () -> new EnumMap<>(Environment.class))),
                    template, dependsOnOthers, schemaDefault));
        });
        return Map.copyOf(defaults);
    }

    /** The resolved value of every input the probe leaves unset, by key. */
    private static Map<String, Object> observe(Probe probe, Map<String, Boolean> templates) {
        PatternSettings settings = probe.resolve();
        Map<String, Object> seen = new LinkedHashMap<>();
        for (Item item : probe.items) {
            Object resolved = item.settings().apply(settings);
            for (Field field : inputs(item.args().getClass())) {
                if (read(field, item.args()) != null) {
                    continue; // the probe set it: not a default
                }
                Optional<Object> value = component(resolved, field.getName()).flatMap(InputDefaults::plain);
                if (value.isEmpty()) {
                    continue;
                }
                Object shown = value.get();
                String key = item.args().getClass().getName() + "#" + property(field);
                if (item.name() != null && shown instanceof String text && text.contains(item.name())) {
                    shown = text.replace(item.name(), "<name>");
                    templates.put(key, true);
                }
                seen.putIfAbsent(key, shown);
            }
        }
        return seen;
    }

    /**
     * Whether setting the default explicitly, on every probe item of its class where the probe leaves it unset,
     * gives the same settings as leaving it unset, in every environment.
     */
    private static boolean sendingItChangesNothing(String key, Object value) {
        String className = key.substring(0, key.indexOf('#'));
        String property = key.substring(key.indexOf('#') + 1);
        for (Environment environment : Environment.values()) {
          for (Mode mode : List.of(Mode.BASE, Mode.EXISTING)) {
            Probe probe = new Probe(environment, mode);
            PatternSettings unset = probe.resolve();
            for (Item item : probe.items) {
                if (!item.args().getClass().getName().equals(className)) {
                    continue;
                }
                Field field = inputs(item.args().getClass()).stream().filter(f -> property(f).equals(property))
                        .findFirst().orElseThrow();
                if (read(field, item.args()) == null) {
                    write(field, item.args(), value);
                }
            }
            try {
                if (!probe.resolve().equals(unset)) {
                    return false;
                }
            } catch (InvalidConfigException e) {
                return false;
            }
          }
        }
        return true;
    }

    private static List<Field> inputs(Class<?> args) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = args; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Import imported = field.getAnnotation(Import.class);
                if (imported != null && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static String property(Field field) {
        Import imported = field.getAnnotation(Import.class);
        return imported.name().isEmpty() ? field.getName() : imported.name();
    }

    /** A plain default: a string, number, boolean or an enum's id; empty for references, lists and absent ones. */
    private static Optional<Object> plain(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.flatMap(InputDefaults::plain);
        }
        if (value instanceof ClosedSet set) {
            return Optional.of(set.id());
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value);
        }
        return Optional.empty(); // null, Output, records, collections, maps
    }

    private static Optional<Object> component(Object record, String name) {
        if (record == null || !record.getClass().isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    return Optional.ofNullable(component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Optional.empty();
    }

    private static Object read(Field field, Object instance) {
        try {
            field.setAccessible(true);
            Object value = field.get(instance);
            return value instanceof Collection<?> c && c.isEmpty() ? null : value;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Field field, Object instance, Object value) {
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
