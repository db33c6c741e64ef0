package dev.edp.stack;

import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.inputs.ConsumerArgs;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.pattern.inputs.QueueDefaultsArgs;
import dev.edp.reference.SeedApplicationArgs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration tables name every key the stack program binds: they cannot drift from the Args. */
class ReadmeKeysTest {

    /** Objects whose fields the README lists as edp:<key>.<field>. */
    private static final Set<String> DOTTED = Set.of("key", "bus", "table", "audit", "alarms", "accessLogs",
            "workflow", "curIngest");

    private static String readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("README.md")) || !Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
            dir = dir.getParent();
        }
        return Files.readString(dir.resolve("README.md"));
    }

    @Test
    void everyTopLevelKeyAndEveryFieldOfTheObjectKeysIsInTheTables() throws IOException {
        String readme = readme();
        for (String key : StackConfig.keys()) {
            assertThat(readme).as("edp:" + key).contains("`edp:" + key);
            if (!DOTTED.contains(key)) {
                continue;
            }
            Field field = ConfigBinder.field(EventDrivenPatternArgs.class, key);
            if (field == null) {
                field = ConfigBinder.field(SeedApplicationArgs.class, key);
            }
            for (String sub : ConfigBinder.keys(field.getType())) {
                assertThat(readme).as("edp:" + key + "." + sub).contains("edp:" + key + "." + sub);
            }
        }
    }

    @Test
    void everyFunctionQueueAndConsumerFieldIsDocumented() throws IOException {
        String readme = readme();
        for (Class<?> args : List.of(FunctionArgs.class, QueueDefaultsArgs.class, ConsumerArgs.class)) {
            for (String field : ConfigBinder.keys(args)) {
                assertThat(readme).as(args.getSimpleName() + "." + field).contains("`" + field + "`");
            }
        }
    }

    /** The README's table rows: first cell (the key or field, in backticks) → the row's cells. */
    private static java.util.Map<String, List<String>> rows(String readme, String heading) {
        int start = readme.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        java.util.Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
        boolean inTable = false;
        for (String line : readme.substring(start).lines().skip(1).toList()) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = java.util.Arrays.stream(line.split("(?<!\\\\)\\|")).map(String::strip).skip(1).toList();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("`([^`]+)`").matcher(cells.get(0));
            while (names.find()) {
                rows.put(names.group(1), cells);
            }
        }
        return rows;
    }

    /** Each documented field with its Args class: the pattern's keys, the function and the queue settings. */
    private static java.util.Map<String, java.util.Map.Entry<Class<?>, List<String>>> documentedFields(String readme) {
        java.util.Map<String, java.util.Map.Entry<Class<?>, List<String>>> fields = new java.util.LinkedHashMap<>();
        rows(readme, "### Keys of the pattern").forEach((key, cells) -> {
            String path = key.replaceFirst("^edp:", "").replaceAll("\\[i]", "");
            String[] parts = path.split("\\.");
            Class<?> owner = EventDrivenPatternArgs.class;
            for (int i = 0; i < parts.length - 1 && owner != null; i++) {
                Field field = ConfigBinder.field(owner, parts[i]);
                owner = field == null ? null : heldClass(field);
            }
            if (owner != null && parts.length > 1) {
                fields.put(owner.getName() + "#" + parts[parts.length - 1], java.util.Map.entry(owner, cells));
            }
        });
        rows(readme, "#### Function settings").forEach((field, cells) ->
                fields.put(FunctionArgs.class.getName() + "#" + field, java.util.Map.entry(FunctionArgs.class, cells)));
        rows(readme, "#### Queue settings").forEach((field, cells) ->
                fields.put(QueueDefaultsArgs.class.getName() + "#" + field, java.util.Map.entry(QueueDefaultsArgs.class, cells)));
        return fields;
    }

    private static Class<?> heldClass(Field field) {
        if (field.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> item) {
            return item;
        }
        return field.getType();
    }

    @Test
    void theTablesListEachClosedSetsValuesAndTheDefaultsThePatternApplies() throws IOException {
        String readme = readme();
        List<String> wrong = new java.util.ArrayList<>();
        int enums = 0;
        int defaults = 0;
        for (var entry : documentedFields(readme).entrySet()) {
            Class<?> owner = entry.getValue().getKey();
            String property = entry.getKey().substring(entry.getKey().indexOf('#') + 1);
            List<String> cells = entry.getValue().getValue();
            String type = cells.get(1);
            String defaultCell = cells.get(2);
            Field field = ConfigBinder.field(owner, property);
            dev.edp.pattern.inputs.OneOf oneOf = field == null ? null : field.getAnnotation(dev.edp.pattern.inputs.OneOf.class);
            if (oneOf != null && !oneOf.open()) {
                enums++;
                for (String id : dev.edp.pattern.inputs.ClosedSet.ids(oneOf.value())) {
                    if (!type.contains("`" + id + "`")) {
                        wrong.add(entry.getKey() + ": type '" + type + "' lacks `" + id + "`");
                    }
                }
            }
            var derived = dev.edp.pattern.config.InputDefaults.of(owner, property);
            if (derived.isPresent() && !derived.get().dependent() && !derived.get().template()) {
                defaults++;
                var d = derived.get();
                String expected = d.fixed() ? dev.edp.pattern.config.InputDefaults.Default.render(d.value()) : "preset";
                if (!java.util.regex.Pattern.compile("(^|[^\\w.])`?" + java.util.regex.Pattern.quote(expected)
                        + "`?(?!\\w|\\.\\d)").matcher(defaultCell).find()) {
                    wrong.add(entry.getKey() + ": default '" + defaultCell + "', the pattern applies " + d.sentence());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(enums).isGreaterThanOrEqualTo(4);
        assertThat(defaults).isGreaterThanOrEqualTo(40);
    }
}
