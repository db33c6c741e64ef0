package dev.edp.cli.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A deployed stack's outputs from the Pulumi CLI: {@code pulumi stack output --json -s NAME}, in the project. */
public final class PulumiStackOutputs {

    private static final long TIMEOUT_SECONDS = 120;

    private PulumiStackOutputs() {
    }

    /** The {@code pulumi} executable on PATH, if any. */
    public static Optional<Path> locate() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "pulumi"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    public static StackOutputs read(Path pulumi, Path projectDir, String stack) {
        List<String> command = List.of(pulumi.toString(), "stack", "output", "--json", "-s", stack);
        String shown = "pulumi stack output --json -s " + stack;
        try {
            Path err = Files.createTempFile("edp-pulumi-", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(projectDir.toFile())
                        .redirectError(err.toFile()).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new OpsException(shown + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new OpsException(shown + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(err).strip());
                }
                return StackOutputs.parse(shown, out);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new OpsException("cannot run " + shown + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException(shown + " was interrupted", e);
        }
    }
}
