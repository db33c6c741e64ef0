package dev.edp.cli.synth;

import dev.edp.stack.EdpStack;
import dev.edp.testing.AwsMocks;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the stack program under Pulumi's mock engine with a stack's own config — no credentials, no Pulumi CLI —
 * and returns the graph it registers. What {@code ./edp synth} and the tests share.
 */
public final class Synth {

    private Synth() {
    }

    /** The outcome: the graph, or the program's failure (e.g. an invalid config) and what was registered before it. */
    public record Result(StackFiles files, MockedProgram.Run run) {
        public ResourceGraph graph() {
            return run.graph();
        }
    }

    public static Result run(Path projectDir, String stack) {
        return run(StackFiles.read(projectDir, stack), new AwsMocks());
    }

    public static Result run(StackFiles files, AwsMocks mocks) {
        return run(files, Map.of(), mocks);
    }

    /** With extra config on top of the stack file's (tests use it to try configurations). */
    public static Result run(StackFiles files, Map<String, String> extraConfig, AwsMocks mocks) {
        Map<String, String> config = new java.util.TreeMap<>(files.config());
        config.putAll(extraConfig);
        MockedProgram.Run run = MockedProgram.of(files.project(), files.stack(), config, mocks).run(EdpStack::define);
        return new Result(new StackFiles(files.project(), files.stack(), config), run);
    }
}
