package dev.edp.cli.local.sandbox;

import dev.edp.sandbox.SandboxFile;
import dev.edp.cli.ops.SandboxTarget;
import dev.edp.cli.ops.StackTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The file {@code ./edp local} writes is the one the operations commands read ({@code --local}). */
class SandboxFileTest {

    @Test
    void whatTheSandboxWritesTheOperationsCommandsRead(@TempDir Path project) throws Exception {
        Path file = SandboxFile.path(project, "dev");
        assertThat(project.relativize(file).toString()).isEqualTo("build/local/dev/sandbox.json");

        new SandboxFile(URI.create("http://127.0.0.1:4510"), "eu-west-1", Map.of("busName", "edp-bus-1",
                "queueUrls", Map.of("cur-ingest", "http://127.0.0.1:4510/123456789012/q"),
                "deadLetterQueueUrls", Map.of("cur-ingest", "http://127.0.0.1:4510/123456789012/dlq"))).write(file);
        assertThat(Files.readString(file)).contains("\"endpoint\" : \"http://127.0.0.1:4510\"").contains("\"outputs\"");

        StackTarget target = SandboxTarget.target(project, "dev");
        assertThat(target.endpoint()).contains(URI.create("http://127.0.0.1:4510"));
        assertThat(target.region()).contains("eu-west-1");
        assertThat(target.outputs().string("busName")).isEqualTo("edp-bus-1");
        assertThat(target.outputs().deadLetterQueueUrl("cur-ingest")).isEqualTo("http://127.0.0.1:4510/123456789012/dlq");

        assertThat(target.credentials().orElseThrow().resolveCredentials().accessKeyId())
                .as("a file without credentials: an emulator that takes any").isEqualTo("local");

        SandboxFile.remove(file);
        assertThat(file).doesNotExist();
    }

    @Test
    void theOperationsCommandsSignWithTheSandboxAdministratorsKey(@TempDir Path project) {
        Path file = SandboxFile.path(project, "dev");
        new SandboxFile(URI.create("http://127.0.0.1:4510"), "us-east-1", Map.of("busName", "edp-bus-1"),
                "AKIAADMIN", "admin-secret").write(file);

        var credentials = SandboxTarget.target(project, "dev").credentials().orElseThrow().resolveCredentials();
        assertThat(credentials.accessKeyId()).isEqualTo("AKIAADMIN");
        assertThat(credentials.secretAccessKey()).isEqualTo("admin-secret");
    }
}
