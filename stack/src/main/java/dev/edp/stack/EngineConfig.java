package dev.edp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Config;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every key the stack's config sets in one namespace. Pulumi Java's {@link Config} answers one key at a time and
 * cannot list them, but a misspelt key is only found by listing: the SDK keeps the engine's whole config map
 * internally (pinned SDK version, as {@code edp-testing}'s mock runner also relies on), and the engine passes the
 * same map to a real run in {@code PULUMI_CONFIG}.
 */
final class EngineConfig {

    private EngineConfig() {
    }

    /** {key without namespace → value} of every {@code <namespace>:*} key. */
    static Map<String, String> namespace(Config config, String namespace) {
        Map<String, String> all = sdkConfig(config);
        if (all == null) {
            all = environment(System.getenv("PULUMI_CONFIG"));
        }
        Map<String, String> keys = new TreeMap<>();
        String prefix = namespace + ":";
        all.forEach((key, value) -> {
            // The engine may write keys as "<namespace>:config:<key>" (old form) or "<namespace>:<key>".
            String k = key.startsWith(namespace + ":config:") ? namespace + ":" + key.substring(prefix.length() + 7) : key;
            if (k.startsWith(prefix)) {
                keys.put(k.substring(prefix.length()), value);
            }
        });
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> sdkConfig(Config config) {
        try {
            Field internal = Config.class.getDeclaredField("internalConfig");
            internal.setAccessible(true);
            Object deployment = internal.get(config);
            Method all = deployment.getClass().getDeclaredMethod("getAllConfig");
            all.setAccessible(true);
            return (Map<String, String>) all.invoke(deployment);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static Map<String, String> environment(String json) {
        Map<String, String> map = new TreeMap<>();
        if (json == null || json.isBlank()) {
            return map;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                map.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            }
        } catch (Exception e) {
            // Unreadable engine config: Pulumi reports it itself.
        }
        return map;
    }
}
