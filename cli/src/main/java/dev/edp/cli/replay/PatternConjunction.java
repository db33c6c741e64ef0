package dev.edp.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EventBridge pattern that matches exactly the events two patterns both match, where EventBridge's pattern
 * language can say it: fields only one pattern constrains are kept as they are; a field both constrain with lists
 * of exact values keeps the values common to both; nested objects combine field by field. When no event can
 * match both (no common value, or a field that is an object in one and a value in the other) the answer is empty.
 * When both constrain one field with other matchers (prefix, suffix, numeric, anything-but, exists, wildcard,
 * {@code $or}), the combination is not expressible as one pattern and {@link Inexpressible} says which field.
 *
 * <p>One difference with evaluating both patterns: for an event field that is an array, EventBridge matches when
 * any element matches; the combined pattern asks for an element equal to a value both lists hold.
 */
final class PatternConjunction {

    /** Both patterns constrain a field in a way one pattern cannot state. */
    static final class Inexpressible extends RuntimeException {
        Inexpressible(String message) {
            super(message);
        }
    }

    private PatternConjunction() {
    }

    static Optional<ObjectNode> and(ObjectNode a, ObjectNode b) {
        return merge(a, b, "");
    }

    private static Optional<ObjectNode> merge(ObjectNode a, ObjectNode b, String path) {
        refuseOr(a, path);
        refuseOr(b, path);
        ObjectNode result = a.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode av = a.get(key);
            JsonNode bv = field.getValue();
            if (av == null) {
                result.set(key, bv.deepCopy());
            } else if (av.isObject() && bv.isObject()) {
                Optional<ObjectNode> nested = merge((ObjectNode) av, (ObjectNode) bv, at);
                if (nested.isEmpty()) {
                    return Optional.empty();
                }
                result.set(key, nested.get());
            } else if (av.isArray() && bv.isArray()) {
                if (!literals(av) || !literals(bv)) {
                    throw new Inexpressible(at + ": both patterns constrain it and one uses a matcher other than "
                            + "exact values (" + av + " and " + bv + "); narrow --pattern on other fields");
                }
                ArrayNode common = JsonNodeFactory.instance.arrayNode();
                av.forEach(value -> {
                    if (contains(bv, value)) {
                        common.add(value);
                    }
                });
                if (common.isEmpty()) {
                    return Optional.empty();
                }
                result.set(key, common);
            } else {
                // An event field cannot be an object and a plain value at once.
                return Optional.empty();
            }
        }
        return Optional.of(result);
    }

    private static void refuseOr(ObjectNode node, String path) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.startsWith("$")) {
                throw new Inexpressible((path.isEmpty() ? "" : path + ".") + name
                        + ": a pattern with $or cannot be combined with another here");
            }
        }
    }

    private static boolean literals(JsonNode array) {
        for (JsonNode value : array) {
            if (!(value.isTextual() || value.isNumber() || value.isBoolean() || value.isNull())) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode v : array) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
