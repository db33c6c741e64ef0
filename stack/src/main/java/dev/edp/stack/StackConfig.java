package dev.edp.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import dev.edp.pattern.EventDrivenPatternArgs;
import dev.edp.pattern.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the stack's {@code edp:*} config into {@link EventDrivenPatternArgs}. Each key is an Args field of the same
 * name ({@code edp:functionDefaults} → {@code functionDefaults}); structured keys arrive from Pulumi as JSON and are
 * bound field by field, so a misspelt or mistyped key fails with its full path ({@code edp:consumers[0].queue.batchSize}).
 */
public final class StackConfig {

    /** The config namespace: keys are {@code edp:<field>}. */
    public static final String NAMESPACE = "edp";

    /** Keys that are not Args fields. */
    public static final String NAME_KEY = "name";
    public static final String DEFAULT_NAME = "edp";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addMixIn(com.pulumi.resources.InputArgs.class, PulumiBookkeeping.class)
            .build();

    /** Pulumi's own per-Args bookkeeping field is not configuration. */
    private abstract static class PulumiBookkeeping {
        @com.fasterxml.jackson.annotation.JsonIgnore
        Object inputInfos;
    }

    private StackConfig() {
    }

    /** The component's name ({@code edp:name}, default {@value #DEFAULT_NAME}). */
    public static String name(Function<String, Optional<String>> config) {
        return config.apply(NAME_KEY).orElse(DEFAULT_NAME);
    }

    /**
     * Binds every {@code edp:*} key but {@code name} to the Args; {@code config} answers a key without namespace.
     * Throws {@link InvalidConfigException} naming each bad key.
     */
    public static EventDrivenPatternArgs read(Function<String, Optional<String>> config, List<String> keys) {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String key : keys) {
            if (key.equals(NAME_KEY)) {
                continue;
            }
            String raw = config.apply(key).orElse(null);
            if (raw == null) {
                continue;
            }
            tree.put(key, parse(raw));
        }
        if (!tree.containsKey("environment")) {
            problems.add(NAMESPACE + ":environment: required (dev, staging or prod): "
                    + "pulumi config set edp:environment dev");
        }
        try {
            EventDrivenPatternArgs args = JSON.convertValue(tree, EventDrivenPatternArgs.class);
            if (problems.isEmpty()) {
                return args;
            }
        } catch (IllegalArgumentException e) {
            problems.add(describe(e));
        }
        throw new InvalidConfigException(problems);
    }

    /** Structured values arrive as JSON text; plain ones as text (numbers and booleans as their literal). */
    private static Object parse(String raw) {
        String trimmed = raw.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.equals("true") || trimmed.equals("false")
                || trimmed.matches("-?\\d+(\\.\\d+)?")) {
            try {
                return JSON.readValue(trimmed, Object.class);
            } catch (Exception e) {
                return raw;
            }
        }
        return raw;
    }

    private static String describe(IllegalArgumentException e) {
        Throwable cause = e.getCause() instanceof JsonMappingException ? e.getCause() : e;
        if (cause instanceof JsonMappingException m) {
            StringBuilder path = new StringBuilder(NAMESPACE + ":");
            boolean first = true;
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(first ? "" : ".").append(ref.getFieldName());
                } else {
                    path.append('[').append(ref.getIndex()).append(']');
                }
                first = false;
            }
            if (m instanceof UnrecognizedPropertyException u) {
                return path + ": unknown key; known keys here: " + u.getKnownPropertyIds();
            }
            return path + ": " + m.getOriginalMessage().lines().findFirst().orElse("invalid value");
        }
        return NAMESPACE + ": " + e.getMessage();
    }
}
