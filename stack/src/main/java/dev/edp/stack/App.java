package dev.edp.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Pulumi;
import dev.edp.reference.SeedApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code java -jar stack/target/edp-stack.jar}: what Pulumi runs for {@code pulumi up} (Pulumi.yaml, option
 * {@code binary}). Checks that the Lambda jar it deploys was built, then runs {@link EdpStack}.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        // Pulumi's Java runtime starves a one-thread common pool on 2-CPU runners (JDK 25): give it four threads.
        // Set before anything touches the pool; JAVA_TOOL_OPTIONS or a -D flag wins if given.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4");
        }
        Optional<String> problem = missingRuntimeJar(System.getenv("PULUMI_CONFIG"), Path.of(""));
        if (problem.isPresent()) {
            System.err.println(problem.get());
            System.exit(2);
        }
        Pulumi.run(EdpStack::define);
    }

    /**
     * Why the program cannot deploy, if the Lambda jar it points at is not there: {@code edp:runtimeJar} from the
     * engine's config (the JSON the engine passes in {@code PULUMI_CONFIG}), else the default build output.
     */
    static Optional<String> missingRuntimeJar(String engineConfigJson, Path projectDir) {
        String jar = SeedApplication.DEFAULT_JAR;
        if (engineConfigJson != null && !engineConfigJson.isBlank()) {
            try {
                JsonNode node = new ObjectMapper().readTree(engineConfigJson).get(StackConfig.NAMESPACE + ":runtimeJar");
                if (node != null && node.isTextual()) {
                    jar = node.asText();
                }
            } catch (IOException e) {
                // Unreadable engine config: Pulumi reports it itself when the program reads its config.
            }
        }
        if (Files.isRegularFile(projectDir.resolve(jar))) {
            return Optional.empty();
        }
        return Optional.of("edp: the Lambda jar " + jar + " does not exist. Build it first: mvn -B -DskipTests package"
                + " (or point edp:runtimeJar at it)");
    }
}
