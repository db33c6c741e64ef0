package dev.edp.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pulumi up} refuses to start, naming the jar and the command, before deploying functions with no code. */
class AppTest {

    @Test
    void aMissingLambdaJarIsNamedWithTheCommandThatBuildsIt(@TempDir Path project) {
        assertThat(App.missingRuntimeJar(null, project)).hasValueSatisfying(message -> assertThat(message)
                .contains("runtime/target/edp-runtime-lambda.jar").contains("mvn -B -DskipTests package"));
    }

    @Test
    void theJarNamedInStackConfigIsTheOneChecked(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("handlers.jar"), "jar");
        String engineConfig = "{\"edp:environment\":\"dev\",\"edp:runtimeJar\":\"handlers.jar\"}";
        assertThat(App.missingRuntimeJar(engineConfig, project)).isEmpty();
        assertThat(App.missingRuntimeJar("{\"edp:runtimeJar\":\"other.jar\"}", project))
                .hasValueSatisfying(m -> assertThat(m).contains("other.jar"));
    }
}
