package dev.edp.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import com.pulumi.asset.FileArchive;
import dev.edp.pattern.inputs.FunctionArgs;
import dev.edp.testing.GraphResource;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs programs that use the component under Pulumi's mocks, and reads what they registered. */
final class Programs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Programs() {
    }

    static MockedProgram.Run run(Consumer<Context> program) {
        return MockedProgram.of("shop", "test", Map.of("aws:region", "eu-west-1")).run(program);
    }

    static MockedProgram.Run run(String name, EventDrivenPatternArgs args) {
        return run(ctx -> new EventDrivenPattern(name, args, null));
    }

    static ResourceGraph graph(Consumer<Context> program) {
        MockedProgram.Run run = run(program);
        assertThat(run.failure()).as("program failure").isNull();
        return run.graph();
    }

    static ResourceGraph graph(String name, EventDrivenPatternArgs args) {
        return graph(ctx -> new EventDrivenPattern(name, args, null));
    }

    static JsonNode json(GraphResource r, String input) {
        try {
            return JSON.readTree(r.string(input));
        } catch (Exception e) {
            throw new AssertionError(r.name() + "." + input + " is not JSON", e);
        }
    }

    static JsonNode tree(GraphResource r, String input) {
        return JSON.valueToTree(r.input(input));
    }

    /** A Java function on a jar. */
    static FunctionArgs java(String handler) {
        return FunctionArgs.builder().code(new FileArchive("handlers.jar")).handler(handler).build();
    }
}
