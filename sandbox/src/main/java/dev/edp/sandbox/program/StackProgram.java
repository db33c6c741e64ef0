package dev.edp.sandbox.program;

import com.pulumi.Context;
import com.pulumi.test.Mocks;
import dev.edp.events.ProgramDirectory;
import dev.edp.testing.MockedProgram;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A Pulumi Java program and the stack it runs as: what {@code ./edp synth}, {@code ./edp local}, the cost estimate and
 * {@code ./edp check} run under Pulumi's mock engine. The program is its stack definition ({@code ctx -> ...}, what
 * its {@code main} hands to {@code Pulumi.run}); the stack is the project's {@code Pulumi.yaml} and
 * {@code Pulumi.<stack>.yaml}, read as the engine reads them. Function code paths in the graph are relative to
 * {@code projectDir}, as Pulumi resolves them.
 *
 * @param description what the program is, for messages (e.g. {@code com.example.shop.ShopEvents::define})
 */
public record StackProgram(String description, Path projectDir, StackFiles files, Consumer<Context> define) {

    /** The same program with extra config on top of the stack file's (tests use it to try configurations). */
    public StackProgram withConfig(Map<String, String> extraConfig) {
        Map<String, String> config = new TreeMap<>(files.config());
        config.putAll(extraConfig);
        return new StackProgram(description, projectDir, new StackFiles(files.project(), files.stack(), config), define);
    }

    /**
     * Runs the program under {@code mocks}; never throws for the program's own errors (see {@link MockedProgram.Run}).
     * The program's relative files (a workflow definition, a schema) are read from {@code projectDir}, as when
     * Pulumi starts it there ({@link ProgramDirectory}).
     */
    public MockedProgram.Run run(Mocks mocks) {
        String before = System.getProperty(ProgramDirectory.PROPERTY);
        System.setProperty(ProgramDirectory.PROPERTY, projectDir.toAbsolutePath().normalize().toString());
        try {
            return MockedProgram.of(files.project(), files.stack(), files.config(), mocks).run(define);
        } finally {
            if (before == null) {
                System.clearProperty(ProgramDirectory.PROPERTY);
            } else {
                System.setProperty(ProgramDirectory.PROPERTY, before);
            }
        }
    }
}
