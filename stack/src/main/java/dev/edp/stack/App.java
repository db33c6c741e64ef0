package dev.edp.stack;

import com.pulumi.Pulumi;

import java.nio.file.Files;
import java.nio.file.Path;

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
        String jar = runtimeJar();
        if (!Files.isRegularFile(Path.of(jar))) {
            System.err.println("edp: the Lambda jar " + jar + " does not exist. Build it first: mvn -B -DskipTests package"
                    + " (or point edp:runtimeJar at it)");
            System.exit(2);
        }
        Pulumi.run(EdpStack::define);
    }

    /** The jar path from {@code edp:runtimeJar} in the engine's config, else the default build output. */
    private static String runtimeJar() {
        String config = System.getenv("PULUMI_CONFIG");
        if (config != null) {
            try {
                var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(config).get("edp:runtimeJar");
                if (node != null && node.isTextual()) {
                    return node.asText();
                }
            } catch (java.io.IOException e) {
                // Unreadable engine config: Pulumi itself reports it when the program starts.
            }
        }
        return dev.edp.pattern.config.RuntimeHandlers.DEFAULT_JAR;
    }
}
