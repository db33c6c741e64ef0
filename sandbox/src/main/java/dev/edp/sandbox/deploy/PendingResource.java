package dev.edp.sandbox.deploy;

import java.util.List;
import java.util.Map;

/**
 * A resource the stack program registers, as the mock engine hands it over: its type token, its logical name, and
 * its state: the inputs (under the provider's wire names, e.g. {@code kmsMasterKeyId}) and the outputs filled so
 * far ({@link dev.edp.testing.AwsMocks} names it first; a creator overwrites with what the emulator answered).
 */
public final class PendingResource {

    private final String type;
    private final String logicalName;
    private final Map<String, Object> state;
    private final String mockId;

    public PendingResource(String type, String logicalName, Map<String, Object> state, String mockId) {
        this.type = type;
        this.logicalName = logicalName;
        this.state = state;
        this.mockId = mockId;
    }

    public String type() {
        return type;
    }

    public String logicalName() {
        return logicalName;
    }

    /** The id the mocks gave (the physical name for most types): what the emulator resource is created as. */
    public String mockId() {
        return mockId;
    }

    /** The physical name: the program's explicit one, else the mocks' auto-name. */
    public String name() {
        Object name = state.get("name");
        return name instanceof String s && !s.isEmpty() ? s : mockId;
    }

    /** A string input or output, or null; whole numbers (the engine passes every number as a double) without ".0". */
    public String string(String key) {
        return text(state.get(key));
    }

    /** A whole number (the engine passes numbers as doubles), or null. */
    public static Integer whole(Object value) {
        return value instanceof Number n ? n.intValue() : value == null ? null : Integer.valueOf(value.toString());
    }

    /** A value as text: whole numbers without a fraction, null as null. */
    public static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return value == null ? null : value.toString();
    }

    /** A required string: its absence is a bug in the program or in this class, named here. */
    public String required(String key) {
        String value = string(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(type + " " + logicalName + ": input '" + key + "' is missing");
        }
        return value;
    }

    public Integer integer(String key) {
        return whole(state.get(key));
    }

    public Double number(String key) {
        Object value = state.get(key);
        return value instanceof Number n ? n.doubleValue() : value == null ? null : Double.valueOf(value.toString());
    }

    public boolean flag(String key) {
        Object value = state.get(key);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    /** An input as the engine gave it (e.g. a {@code FileArchive}), or null. */
    public Object raw(String key) {
        return state.get(key);
    }

    /** A nested object input ({} when absent). */
    public Map<String, Object> object(String key) {
        return object(state, key);
    }

    /** A list input ([] when absent). */
    @SuppressWarnings("unchecked")
    public List<Object> list(String key) {
        Object value = state.get(key);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** String tags ({} when absent). */
    public Map<String, String> tags() {
        Map<String, String> tags = new java.util.TreeMap<>();
        object("tags").forEach((k, v) -> tags.put(k, String.valueOf(v)));
        return tags;
    }

    /** Sets an output. */
    public void put(String key, Object value) {
        state.put(key, value);
    }

    /** A nested object of a nested object ({} when absent). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Override
    public String toString() {
        return type + " " + logicalName;
    }
}
