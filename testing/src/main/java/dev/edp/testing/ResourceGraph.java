package dev.edp.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The resources a program registered, in registration order. Serialises to the {@code graph.json} that the policy
 * pack and the other {@code ./edp} commands read: {@code {"stack", "resources": [{urn, type, name, parent, inputs}]}}.
 */
public record ResourceGraph(String stack, List<GraphResource> resources) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public ResourceGraph {
        resources = List.copyOf(resources);
    }

    /** Every resource of a type token, e.g. {@code aws:sqs/queue:Queue}. */
    public List<GraphResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The one resource with this logical name. */
    public GraphResource named(String name) {
        return find(r -> r.name().equals(name))
                .orElseThrow(() -> new IllegalArgumentException("no resource named " + name + " in the graph"));
    }

    public Optional<GraphResource> find(Predicate<GraphResource> predicate) {
        return resources.stream().filter(predicate).findFirst();
    }

    /**
     * The resources an input of {@code resource} came from (its property dependencies), in order: e.g. the queue
     * behind a mapping's {@code eventSourceArn}, the rule behind a target's {@code rule}.
     */
    public List<GraphResource> sourcesOf(GraphResource resource, String input) {
        return resource.propertyDependencies().getOrDefault(input, List.of()).stream()
                .map(urn -> find(r -> r.urn().equals(urn)))
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    /** Resource count per type token, sorted by type. */
    public Map<String, Integer> countByType() {
        Map<String, Integer> counts = new TreeMap<>();
        resources.forEach(r -> counts.merge(r.type(), 1, Integer::sum));
        return counts;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("stack", stack);
        ArrayNode list = root.putArray("resources");
        for (GraphResource r : resources) {
            ObjectNode node = list.addObject();
            node.put("urn", r.urn());
            node.put("type", r.type());
            node.put("name", r.name());
            node.put("parent", r.parent());
            node.set("inputs", JSON.valueToTree(new TreeMap<>(r.inputs())));
            node.set("dependencies", JSON.valueToTree(r.dependencies()));
            node.set("propertyDependencies", JSON.valueToTree(new TreeMap<>(r.propertyDependencies())));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeJson(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static ResourceGraph readJson(Path file) {
        try {
            Map<String, Object> root = JSON.readValue(file.toFile(), Map.class);
            List<GraphResource> list = new ArrayList<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) root.get("resources")) {
                list.add(new GraphResource((String) r.get("urn"), (String) r.get("type"), (String) r.get("name"),
                        (String) r.get("parent"), (Map<String, Object>) r.getOrDefault("inputs", Map.of()),
                        (List<String>) r.get("dependencies"),
                        (Map<String, List<String>>) r.get("propertyDependencies")));
            }
            return new ResourceGraph((String) root.get("stack"), list);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read graph " + file, e);
        }
    }
}
