package dev.edp.cli.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The three real stacks of the project, synthesized once per test run, and helpers to read their graphs. */
public final class Stacks {

    public static final List<String> ALL = List.of("dev", "staging", "prod");
    private static final Map<String, Synth.Result> CACHE = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Stacks() {
    }

    /** The project root: the nearest directory up from here with a Pulumi.yaml. */
    public static Path projectDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no Pulumi.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static synchronized Synth.Result synth(String stack) {
        return CACHE.computeIfAbsent(stack, s -> {
            Synth.Result result = Synth.run(projectDir(), s);
            if (result.run().failure() != null) {
                throw new AssertionError("stack " + s + " failed to synthesize", result.run().failure());
            }
            return result;
        });
    }

    public static ResourceGraph graph(String stack) {
        return synth(stack).graph();
    }

    /** A JSON-text input (policy documents, redrive policies, state machine definition) parsed. */
    public static JsonNode json(GraphResource resource, String input) {
        String text = resource.string(input);
        if (text == null) {
            throw new AssertionError(resource.name() + " has no input " + input);
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(resource.name() + "." + input + " is not JSON", e);
        }
    }

    /** A nested map input (e.g. {@code environment.variables}) as a JSON tree. */
    public static JsonNode tree(GraphResource resource, String input) {
        return JSON.valueToTree(resource.input(input));
    }

    /** The resource an input's value came from (propertyDependencies), of the given type. */
    public static GraphResource dependency(ResourceGraph graph, GraphResource resource, String input, String type) {
        List<String> urns = resource.propertyDependencies().getOrDefault(input, List.of());
        return graph.resources().stream()
                .filter(r -> urns.contains(r.urn()) && r.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError(resource.name() + "." + input + " does not come from a " + type));
    }
}
