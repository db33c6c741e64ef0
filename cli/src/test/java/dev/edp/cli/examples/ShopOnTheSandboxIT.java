package dev.edp.cli.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.local.LocalRun;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.cli.synth.Stacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/consumer on the sandbox, as its team would run it: its own program (ShopEvents, built into its jar),
 * its own stack file, its own handlers (examples/shop-handlers, built into the jar its stack names) and its own
 * example events (examples/consumer/events). {@code ./edp local --once}'s run passes: each event reaches its
 * consumer and is handled by the shop's handler, the order without an amount ends in billing's DLQ after its
 * maxReceiveCount (5), nothing is lost; then {@code ./edp dlq list --local} and {@code ./edp replay --local} work
 * on that sandbox.
 */
class ShopOnTheSandboxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static Path project;
    static LocalRun run;
    static LocalRun.Outcome outcome;
    static String console;
    static Instant from;

    @BeforeAll
    static void runTheShopOnTheSandbox() throws Exception {
        Path examples = Stacks.projectDir().resolve("examples");
        project = Files.createDirectories(work.resolve("consumer"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml")) {
            Files.copy(examples.resolve("consumer").resolve(file), project.resolve(file));
        }
        copyTree(examples.resolve("consumer/events"), project.resolve("events"));
        // What `mvn package` makes of each project: the program's jar (Main-Class) and the handlers' jar (with its
        // libraries, as Lambda wants it), where Pulumi.yaml and the stack file name them.
        jar(compile(examples.resolve("consumer/src/main/java"), work.resolve("program-classes")),
                project.resolve("target/shop-events.jar"), "com.example.shop.ShopEvents", List.of());
        jar(compile(examples.resolve("shop-handlers/src/main/java"), work.resolve("handler-classes")),
                work.resolve("shop-handlers/target/shop-handlers.jar"), null,
                libraries("jackson-databind", "jackson-core", "jackson-annotations", "aws-lambda-java-events",
                        "aws-lambda-java-core"));

        from = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run = new LocalRun(new LocalRun.Options(project, "dev", 0, Optional.empty(), 0, Duration.ofSeconds(60)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            outcome = run.run();
        } finally {
            console = out.toString(StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theShopsOwnEventsGoEndToEndThroughItsOwnHandlersAndTheRunPasses() {
        assertThat(console).contains("com.example.shop.ShopEvents::define (shop-events.jar)");
        assertThat(outcome.scenarios()).extracting(ScenarioResult::scenario).containsExactly("events");
        assertThat(outcome.scenarios().get(0).checks()).hasSize(3)
                .allSatisfy(c -> assertThat(c.passed()).as(c.name() + " — " + c.detail()).isTrue());
        assertThat(outcome.coverage().idle()).isEmpty();
        assertThat(outcome.coverage().notRunnable()).isEmpty();
        assertThat(outcome.loss().lost()).isZero();
        assertThat(outcome.loss().deadLettered()).as("the order without an amount").isEqualTo(1);
        assertThat(outcome.passed()).as(console).isTrue();
    }

    @Test
    void theDeadLetteredOrderIsListedWithTheErrorItsHandlerLogged() {
        CliRun.Outcome dlq = CliRun.edp("dlq", "list", "--local", "--stack", "dev", "--consumer", "billing",
                "--project-dir", project.toString());
        assertThat(dlq.exit()).as(dlq.err()).isZero();
        assertThat(dlq.out()).contains("billing: DLQ").contains("1 message(s)");
    }

    @Test
    void theArchivedWindowReplaysIntoBilling() throws Exception {
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        CliRun.Outcome replay = CliRun.edp("replay", "--stack", "dev", "--local", "--project-dir", project.toString(),
                "--consumer", "billing", "--from", from.toString(), "--to", to.toString(), "--name", "shop-catch-up",
                "--poll-seconds", "0", "--settle-seconds", "0", "--json");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        JsonNode result = JSON.readTree(replay.out());
        assertThat(result.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(result.path("rules").fieldNames()).toIterable().containsExactly("billing");
    }

    /** Compiles a source tree against the test class path (what the project's pom would give it). */
    private static Path compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .as("javac " + sources).isZero();
        return classes;
    }

    /** The test class path's jars whose file names start with these artifact ids. */
    private static List<Path> libraries(String... artifacts) {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            for (String artifact : artifacts) {
                if (name.matches(java.util.regex.Pattern.quote(artifact) + "-\\d.*\\.jar")) {
                    jars.add(jar);
                }
            }
        }
        assertThat(jars).hasSize(artifacts.length);
        return jars;
    }

    /** A jar of the classes and the libraries' entries (a shaded jar, as maven-shade-plugin makes one). */
    private static void jar(Path classes, Path jar, String mainClass, List<Path> libraries) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                written.add(name);
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            for (Path library : libraries) {
                try (JarFile in = new JarFile(library.toFile())) {
                    for (JarEntry e : java.util.Collections.list(in.entries())) {
                        if (e.isDirectory() || e.getName().startsWith("META-INF/") || !written.add(e.getName())) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(e.getName()));
                        try (InputStream data = in.getInputStream(e)) {
                            data.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
