package dev.edp.cli.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The npm package asl-validator, pinned in tools/asl (installed by {@code ./edp setup}), run on a definition.
 * Missing, it fails the test with what to run: a missing validator never skips the check.
 */
final class AslValidator {

    static final String BIN = "tools/asl/node_modules/.bin/asl-validator";

    /** The validator's verdict: whether it accepted the definition, and what it printed. */
    record Verdict(boolean valid, String output) {
    }

    private AslValidator() {
    }

    static Verdict validate(String definition) throws IOException, InterruptedException {
        Path executable = locate().orElseThrow(() -> new IllegalStateException(
                "asl-validator not found (" + BIN + "): run ./edp setup, which runs npm ci in tools/asl"));
        Path file = Files.createTempFile("workflow-", ".asl.json");
        try {
            Files.writeString(file, definition, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(executable.toString(), "--json-path", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asl-validator did not finish; its output: " + output);
            }
            return new Verdict(process.exitValue() == 0, output.strip());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** tools/asl in the working directory or a parent (Maven runs cli's tests in cli/). */
    static Optional<Path> locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(BIN);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
