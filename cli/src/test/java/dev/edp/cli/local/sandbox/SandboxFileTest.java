package dev.edp.cli.local.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxFileTest {

    @Test
    void writtenReadAndRemovedUnderBuildLocalStack(@TempDir Path project) throws Exception {
        Path file = SandboxFile.path(project, "dev");
        assertThat(project.relativize(file).toString()).isEqualTo("build/local/dev/sandbox.json");

        new SandboxFile(URI.create("http://127.0.0.1:4510"), "us-east-1", Map.of("busName", "edp-bus-1",
                "queueUrls", Map.of("cur-ingest", "http://127.0.0.1:4510/123456789012/q"))).write(file);
        String text = Files.readString(file);
        assertThat(text).contains("\"endpoint\" : \"http://127.0.0.1:4510\"").contains("\"outputs\"");

        SandboxFile read = SandboxFile.read(file).orElseThrow();
        assertThat(read.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4510"));
        assertThat(read.region()).isEqualTo("us-east-1");
        assertThat(read.outputs()).containsEntry("busName", "edp-bus-1");

        SandboxFile.remove(file);
        assertThat(SandboxFile.read(file)).isEmpty();
    }
}
