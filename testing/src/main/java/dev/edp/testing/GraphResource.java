package dev.edp.testing;

import java.util.Map;

/**
 * One resource of a program's graph as the engine saw it: its URN, type token, logical name, the URN of its parent
 * (null for the stack itself) and its inputs under the provider's wire names (e.g. {@code kmsMasterKeyId}).
 */
public record GraphResource(String urn, String type, String name, String parent, Map<String, Object> inputs) {

    /** An input by wire name, or null. */
    public Object input(String wireName) {
        return inputs.get(wireName);
    }

    /** A string input by wire name, or null. */
    public String string(String wireName) {
        Object value = inputs.get(wireName);
        return value == null ? null : value.toString();
    }
}
