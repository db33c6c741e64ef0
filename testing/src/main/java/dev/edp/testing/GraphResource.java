package dev.edp.testing;

import java.util.List;
import java.util.Map;

/**
 * One resource of a program's graph as the engine saw it: its URN, type token, logical name, the URN of its parent
 * (null for the stack itself), its inputs under the provider's wire names (e.g. {@code kmsMasterKeyId}), the URNs it
 * depends on, and per input the URNs that input's value came from ({@code propertyDependencies}, as CrossGuard's
 * stack policies see them): that is how a policy links a queue to its key or a mapping to its function.
 */
public record GraphResource(String urn, String type, String name, String parent, Map<String, Object> inputs,
                            List<String> dependencies, Map<String, List<String>> propertyDependencies) {

    public GraphResource {
        inputs = inputs == null ? Map.of() : inputs;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        propertyDependencies = propertyDependencies == null ? Map.of() : Map.copyOf(propertyDependencies);
    }

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
