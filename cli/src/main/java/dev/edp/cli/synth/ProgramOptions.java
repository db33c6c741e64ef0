package dev.edp.cli.synth;

import dev.edp.sandbox.program.ProgramJar;
import dev.edp.sandbox.program.StackProgram;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Pulumi program a command runs under the mock engine ({@code ./edp synth}, {@code ./edp local}): the
 * program of the project in {@code --project-dir}, any Pulumi Java program that uses the component. This
 * repository's own stack program runs in-process; any other is loaded from its jar ({@code Pulumi.yaml}'s
 * {@code runtime.options.binary}, or {@code --program-jar}) through its main class's stack definition.
 */
public final class ProgramOptions {

    /** What this repository's Pulumi.yaml runs: its stack program, which the tools carry. */
    static final String REPOSITORY_BINARY = "stack/target/edp-stack.jar";

    @Option(names = "--program-jar", paramLabel = "JAR", description = "the program's jar (default: Pulumi.yaml's"
            + " runtime.options.binary), relative to the project directory")
    Path programJar;

    @Option(names = "--main-class", paramLabel = "CLASS", description = "the class whose static method taking a"
            + " com.pulumi.Context defines the stack (default: the jar's Main-Class)")
    String mainClass;

    public Optional<Path> jar() {
        return Optional.ofNullable(programJar);
    }

    public Optional<String> mainClass() {
        return Optional.ofNullable(mainClass);
    }

    /** The program of {@code projectDir} as stack {@code stack}. */
    public StackProgram program(Path projectDir, String stack) {
        return resolve(projectDir, stack, Optional.ofNullable(programJar), Optional.ofNullable(mainClass));
    }

    public static StackProgram resolve(Path projectDir, String stack, Optional<Path> jar, Optional<String> mainClass) {
        if (jar.isEmpty() && mainClass.isEmpty() && isRepository(projectDir)) {
            return Synth.repositoryStack(projectDir, stack);
        }
        return ProgramJar.load(projectDir, stack, jar, mainClass);
    }

    /** Whether the project is this repository's stack (its Pulumi.yaml runs stack/target/edp-stack.jar). */
    public static boolean isRepository(Path projectDir) {
        try {
            return ProgramJar.binaryOf(projectDir).map(b -> b.equals(REPOSITORY_BINARY)).orElse(false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
