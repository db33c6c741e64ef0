package dev.edp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.InvalidConfigException;
import dev.edp.reference.SeedApplicationArgs;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the stack's {@code edp:*} config: {@code edp:name}, the pattern's Args fields ({@code edp:functionDefaults}
 * → {@link EventDrivenPatternArgs#functionDefaults()}) and the seed application's ({@code edp:curIngest} →
 * {@link SeedApplicationArgs#curIngest()}). Every problem is reported at once, in Pulumi's words and with its full
 * path: a mistyped value ({@code edp:alarms.lambdaErrors: expected a number, got "0.5"}), a misspelt key at any
 * depth (with the keys that exist there), and a flat key that should have been set with {@code --path}.
 */
public final class StackConfig {

    /** The config namespace: keys are {@code edp:<field>}. */
    public static final String NAMESPACE = "edp";

    /** Keys that are not Args fields. */
    public static final String NAME_KEY = "name";
    public static final String DEFAULT_NAME = "edp";

    private static final ConfigBinder BINDER = new ConfigBinder(NAMESPACE);

    /** What the stack's config says: the component's name, the pattern's Args, the seed application's. */
    public record Bound(String name, EventDrivenPatternArgs pattern, SeedApplicationArgs seed) {
    }

    private StackConfig() {
    }

    /** Every top-level {@code edp:*} key the program reads. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add(NAME_KEY);
        keys.addAll(ConfigBinder.keys(EventDrivenPatternArgs.class));
        keys.addAll(ConfigBinder.keys(SeedApplicationArgs.class));
        return keys;
    }

    /** The component's name ({@code edp:name}, default {@value #DEFAULT_NAME}). */
    public static String name(Function<String, Optional<String>> config) {
        return config.apply(NAME_KEY).orElse(DEFAULT_NAME);
    }

    /**
     * Binds every {@code edp:*} key; {@code config} maps each key (without namespace) to its value as the engine
     * passes it (structured values as JSON text). Throws {@link InvalidConfigException} naming every bad key.
     */
    public static Bound read(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        List<String> known = keys();
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        ObjectNode seed = JsonNodeFactory.instance.objectNode();
        for (var entry : new java.util.TreeMap<>(config).entrySet()) {
            String key = entry.getKey();
            if (key.equals(NAME_KEY)) {
                continue;
            }
            Field patternField = ConfigBinder.field(EventDrivenPatternArgs.class, key);
            Field seedField = ConfigBinder.field(SeedApplicationArgs.class, key);
            Field field = patternField != null ? patternField : seedField;
            if (field == null) {
                problems.add(unknown(key, known));
                continue;
            }
            JsonNode value = parse(entry.getValue(), field.getType() == String.class);
            BINDER.check(value, field.getGenericType(), key, problems);
            (patternField != null ? pattern : seed).set(key, value);
        }
        if (!config.containsKey("environment")) {
            problems.add(NAMESPACE + ":environment: required (dev, staging or prod): "
                    + "pulumi config set edp:environment dev");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        try {
            return new Bound(config.getOrDefault(NAME_KEY, DEFAULT_NAME),
                    BINDER.json().treeToValue(pattern, EventDrivenPatternArgs.class),
                    BINDER.json().treeToValue(seed, SeedApplicationArgs.class));
        } catch (Exception e) {
            // The check above mirrors the binder; reaching this is a bug in it, still reported with the key.
            throw new InvalidConfigException(List.of(NAMESPACE + ": " + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    /** A key the program does not read: a flat key meant as a --path key, or a misspelling. */
    private static String unknown(String key, List<String> known) {
        int cut = firstSeparator(key);
        if (cut > 0 && known.contains(key.substring(0, cut))) {
            String field = key.charAt(cut) == '.' ? key.substring(cut + 1) : key.substring(cut);
            return NAMESPACE + ":" + key + ": a flat key is not read: this is the field " + field
                    + " of " + NAMESPACE + ":" + key.substring(0, cut) + ", set it with --path: pulumi config rm '"
                    + NAMESPACE + ":" + key + "' && pulumi config set --path '" + NAMESPACE + ":" + key + "' <value>";
        }
        return NAMESPACE + ":" + key + ": unknown key" + Suggest.didYouMean(key, known) + "; known keys: "
                + new TreeSet<>(known);
    }

    private static int firstSeparator(String key) {
        int dot = key.indexOf('.');
        int bracket = key.indexOf('[');
        if (dot < 0) {
            return bracket;
        }
        return bracket < 0 ? dot : Math.min(dot, bracket);
    }

    /**
     * A value as the engine passes it: structured values as JSON text; scalars as text (numbers and booleans as
     * their literal). A string field keeps its text as is.
     */
    private static JsonNode parse(String raw, boolean stringField) {
        if (stringField) {
            return JsonNodeFactory.instance.textNode(raw);
        }
        try {
            return BINDER.json().readTree(raw.trim());
        } catch (Exception e) {
            return JsonNodeFactory.instance.textNode(raw);
        }
    }
}
