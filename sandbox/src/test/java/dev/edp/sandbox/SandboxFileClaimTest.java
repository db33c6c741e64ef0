package dev.edp.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two sandboxes of one stack: the second is refused, and the first's file is never lost to the other. */
class SandboxFileClaimTest {

    @Test
    void aSecondSandboxOfTheSameStackIsRefusedNamingTheFirst(@TempDir Path project) {
        Path file = SandboxFile.path(project, "dev");
        try (SandboxFile.Claim first = SandboxFile.claim(file)) {
            first.write(new SandboxFile(URI.create("http://127.0.0.1:4511"), "us-east-1", Map.of("busName", "b")));

            assertThatThrownBy(() -> SandboxFile.claim(file))
                    .isInstanceOf(SandboxFile.SandboxRunningException.class)
                    .hasMessageContaining("another sandbox of this stack is running at http://127.0.0.1:4511")
                    .hasMessageContaining("--stack");
            // The refused one did not touch the running one's file.
            assertThat(SandboxFile.read(file).endpoint()).isEqualTo(URI.create("http://127.0.0.1:4511"));
        }
        assertThat(file).doesNotExist();
        try (SandboxFile.Claim next = SandboxFile.claim(file)) {
            assertThat(next.file()).isEqualTo(file);
        }
    }

    @Test
    void sandboxesOfDifferentStacksDoNotShareAFile(@TempDir Path project) {
        try (SandboxFile.Claim dev = SandboxFile.claim(SandboxFile.path(project, "dev"));
             SandboxFile.Claim staging = SandboxFile.claim(SandboxFile.path(project, "staging"))) {
            assertThat(dev.file()).isNotEqualTo(staging.file());
        }
    }
}
