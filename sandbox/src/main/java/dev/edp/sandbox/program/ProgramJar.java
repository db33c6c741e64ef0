package dev.edp.sandbox.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.pulumi.Context;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.jar.JarFile;

/**
 * A Pulumi Java program of anyone's, as its project builds it: the jar Pulumi runs ({@code Pulumi.yaml}'s
 * {@code runtime.options.binary}, or one given) and its main class (the jar's {@code Main-Class}, or one given).
 * The mock engine cannot run {@code main} ({@code Pulumi.run} connects to a real engine), so the program is run
 * through its stack definition: the main class's static method taking a {@code com.pulumi.Context}, the one
 * {@code main} hands to {@code Pulumi.run} ({@code Pulumi.run(ShopEvents::define)}: {@code define}).
 *
 * <p>The jar is loaded on top of the tools' own class path (parent first), so Pulumi's SDK, the AWS provider's
 * classes and EDP's component are the tools' and the program's own classes come from its jar.
 */
public final class ProgramJar {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProgramJar() {
    }

    /**
     * The program of the project in {@code projectDir} with its stack {@code stack}.
     *
     * @param jar       the program's jar, or empty for {@code Pulumi.yaml}'s {@code runtime.options.binary}
     * @param mainClass the class whose static {@code (Context)} method defines the stack, or empty for the jar's
     *                  {@code Main-Class}
     */
    public static StackProgram load(Path projectDir, String stack, Optional<Path> jar, Optional<String> mainClass) {
        StackFiles files = StackFiles.read(projectDir, stack);
        Path program = jar.map(j -> projectDir.resolve(j)).orElseGet(() -> binary(projectDir));
        if (!Files.isRegularFile(program)) {
            throw new IllegalArgumentException(program + ": the program's jar does not exist: build the project"
                    + " first (e.g. mvn -B -DskipTests package in " + projectDir + ")");
        }
        String className = mainClass.orElseGet(() -> manifestMainClass(program));
        try {
            ClassLoader loader = new URLClassLoader("program:" + program.getFileName(),
                    new URL[]{program.toUri().toURL()}, ProgramJar.class.getClassLoader());
            Class<?> type = Class.forName(className, true, loader);
            Method define = definition(type);
            define.setAccessible(true);
            Consumer<Context> run = ctx -> {
                try {
                    define.invoke(null, ctx);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
            return new StackProgram(className + "::" + define.getName() + " (" + program.getFileName() + ")",
                    projectDir, files, run);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(program + ": has no class " + className, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(program + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The jar {@code Pulumi.yaml} runs: {@code runtime.options.binary}, relative to the project. */
    static Path binary(Path projectDir) {
        return projectDir.resolve(binaryOf(projectDir).orElseThrow(() -> new IllegalArgumentException(
                projectDir.resolve("Pulumi.yaml") + ": has no runtime.options.binary (the program's jar): give it"
                        + " with --program-jar")));
    }

    /** {@code Pulumi.yaml}'s {@code runtime.options.binary} as written, if it has one. */
    public static Optional<String> binaryOf(Path projectDir) {
        Path projectFile = projectDir.resolve("Pulumi.yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new IllegalArgumentException(projectFile + ": no Pulumi project here");
        }
        try {
            JsonNode binary = YAML.readTree(projectFile.toFile()).path("runtime").path("options").path("binary");
            return binary.isTextual() ? Optional.of(binary.asText()) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException(projectFile + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private static String manifestMainClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String main = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IllegalArgumentException(jar + ": its manifest names no Main-Class: give it with --main-class");
            }
            return main;
        } catch (IOException e) {
            throw new IllegalArgumentException(jar + ": not a jar: " + e.getMessage(), e);
        }
    }

    /** The static method taking a Context; {@code define} first if there are several. */
    static Method definition(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == Context.class)
                .min(Comparator.comparing((Method m) -> !m.getName().equals("define")).thenComparing(Method::getName))
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no static method taking a"
                        + " com.pulumi.Context: keep the stack definition in one (static void define(Context ctx)) and"
                        + " call Pulumi.run(" + type.getSimpleName() + "::define) from main"));
    }
}
