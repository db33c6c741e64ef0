package dev.edp.cli.synth;

import dev.edp.sandbox.program.StackFiles;
import dev.edp.sandbox.program.StackProgram;
import dev.edp.stack.EdpStack;
import dev.edp.testing.AwsMocks;
import dev.edp.testing.MockedProgram;
import dev.edp.testing.ResourceGraph;

import java.nio.file.Path;

/**
 * Runs a stack program under Pulumi's mock engine with a stack's own config — no credentials, no Pulumi CLI —
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

    /** This repository's own stack program ({@code EdpStack}, the one behind {@code pulumi up} here). */
    public static StackProgram repositoryStack(Path projectDir, String stack) {
        return new StackProgram(EdpStack.class.getName() + "::define", projectDir, StackFiles.read(projectDir, stack),
                EdpStack::define);
    }

    public static Result run(Path projectDir, String stack) {
        return run(repositoryStack(projectDir, stack), new AwsMocks());
    }

    public static Result run(StackProgram program, AwsMocks mocks) {
        return new Result(program.files(), program.run(mocks));
    }
}
