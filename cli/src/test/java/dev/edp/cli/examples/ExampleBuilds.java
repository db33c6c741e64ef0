package dev.edp.cli.examples;

import dev.edp.cli.local.LocalRun;
import dev.edp.cli.synth.Stacks;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * What {@code mvn package} makes of an example's projects, made by a test from their sources: classes compiled
 * against the test class path, a program's jar (Main-Class), a handlers' jar with its libraries (as Lambda wants
 * it), and the project's files copied where its stack names them; then {@code ./edp local --once} on it.
 */
final class ExampleBuilds {

    private ExampleBuilds() {
    }

    /** One {@code ./edp local --once} of a project: the run (close it), what it found, what it printed. */
    record SandboxRun(LocalRun run, LocalRun.Outcome outcome, String console) implements AutoCloseable {
        @Override
        public void close() {
            run.close();
        }
    }

    /**
     * The example's program jar (where its Pulumi.yaml's {@code binary} names it in {@code project}) and its handler
     * project's jar ({@code <work>/<handlers>/target/<handlers>.jar}, where the stack file's relative path finds it).
     */
    static void buildJars(Path examples, String program, String mainClass, String handlers, Path project, Path work)
            throws IOException {
        jar(compile(examples.resolve(program).resolve("src/main/java"), work.resolve("program-classes")),
                project.resolve(dev.edp.sandbox.program.ProgramJar.binaryOf(project).orElseThrow()), mainClass,
                List.of());
        jar(compile(examples.resolve(handlers).resolve("src/main/java"), work.resolve("handler-classes")),
                work.resolve(handlers).resolve("target").resolve(handlers + ".jar"), null, handlerLibraries());
    }

    /** The example's Pulumi.yaml, its dev stack file and these directories, copied into {@code project}. */
    static Path copyProject(Path example, Path project, List<String> directories) throws IOException {
        Files.createDirectories(project);
        for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml")) {
            Files.copy(example.resolve(file), project.resolve(file));
        }
        for (String directory : directories) {
            copyTree(example.resolve(directory), project.resolve(directory));
        }
        return project;
    }

    /**
     * examples/{@code program} as its team has it, in {@code project}: its files and {@code directories} copied
     * ({@link #copyProject}), its program's and handlers' jars built ({@link #buildJars}), then run on the sandbox
     * ({@link #onTheSandbox}).
     */
    static SandboxRun buildAndRun(String program, List<String> directories, String mainClass, String handlers,
                                  Path project, Path work) throws Exception {
        Path examples = Stacks.projectDir().resolve("examples");
        copyProject(examples.resolve(program), project, directories);
        buildJars(examples, program, mainClass, handlers, project, work);
        return onTheSandbox(project);
    }

    /** Runs the project's dev stack on the sandbox as {@code ./edp local --once --port 0} does. */
    static SandboxRun onTheSandbox(Path project) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalRun run = new LocalRun(new LocalRun.Options(project, "dev", 0, Optional.empty(), 0,
                Duration.ofSeconds(60)), new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            LocalRun.Outcome outcome = run.run();
            return new SandboxRun(run, outcome, out.toString(StandardCharsets.UTF_8));
        } catch (Exception | Error e) {
            run.close();
            throw new AssertionError(out.toString(StandardCharsets.UTF_8), e);
        }
    }

    /** Compiles a source tree against the test class path (what the project's pom would give it). */
    static Path compile(Path sources, Path classes) throws IOException {
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new)))
                .as("javac " + sources).isZero();
        return classes;
    }

    /** What a Java handlers' jar brings (Lambda provides none of it but aws-lambda-java-core's interfaces). */
    static List<Path> handlerLibraries() {
        return libraries("jackson-databind", "jackson-core", "jackson-annotations", "aws-lambda-java-events",
                "aws-lambda-java-core");
    }

    /** The test class path's jars whose file names start with these artifact ids. */
    static List<Path> libraries(String... artifacts) {
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
    static void jar(Path classes, Path jar, String mainClass, List<Path> libraries) throws IOException {
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

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
