package dev.edp.sandbox.functions;

import com.pulumi.asset.AssetOrArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A function's code as Lambda gets it: the archive its {@code code} input names (a jar, a zip, or a directory,
 * relative to the program's project directory as Pulumi resolves it), loaded in a class loader of the function's
 * own, as Lambda's Java runtime loads it: the archive's root and the jars in its {@code lib/}, on top of the JDK
 * and Lambda's own interfaces ({@code com.amazonaws.services.lambda.runtime}, aws-lambda-java-core, shared with
 * the sandbox because the sandbox hands the handler its {@code Context}). Nothing of the sandbox's own class path
 * (its SDK, its Jackson, any handler) is visible to it, so a handler runs only if its code brings what it needs,
 * and one function's classes and static state are never another's.
 *
 * <p>The {@code code} input is what the program gave: under the mock engine a {@code FileArchive}/{@code FileAsset}
 * object (the deploy sees that) or its wire form {@code {"path": ...}} (the recorded graph has that).
 */
public final class FunctionCode {

    /** Lambda's Java interfaces, shared with the sandbox; everything else a handler needs comes from its code. */
    static final String LAMBDA_INTERFACES = "com.amazonaws.services.lambda.runtime.";
    private static final String LAMBDA_EVENTS = "com.amazonaws.services.lambda.runtime.events.";

    private final Path projectDir;

    public FunctionCode(Path projectDir) {
        this.projectDir = projectDir;
    }

    /** A function's code: the loader of its handler, or why there is none. */
    public record Loaded(Optional<ClassLoader> loader, String source, Optional<Path> archive) {
        public Loaded(Optional<ClassLoader> loader, String source) {
            this(loader, source, Optional.empty());
        }

        static Loaded missing(String why) {
            return new Loaded(Optional.empty(), why);
        }
    }

    /** The archive path the {@code code} input names, if it names one. */
    public static Optional<String> archivePath(Object code) {
        if (code instanceof AssetOrArchive archive) {
            var internal = AssetOrArchive.AssetOrArchiveInternal.from(archive);
            return "path".equals(internal.getPropName()) ? Optional.of(String.valueOf(internal.getValue()))
                    : Optional.empty();
        }
        if (code instanceof Map<?, ?> wire && wire.get("path") != null) {
            return Optional.of(String.valueOf(wire.get("path")));
        }
        return Optional.empty();
    }

    /** Loads the code a function's {@code code} input names, in a new class loader of its own. */
    public Loaded load(String function, Object code) {
        Optional<String> path = archivePath(code);
        if (path.isEmpty()) {
            return Loaded.missing("its code is not a file archive the sandbox can read (" + describe(code) + ")");
        }
        Path archive = projectDir.resolve(path.get()).toAbsolutePath().normalize();
        if (!Files.exists(archive)) {
            return Loaded.missing("its code archive " + archive + " does not exist (build it first)");
        }
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(archive.toUri().toURL());
            Path lib = archive.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
            ClassLoader loader = new URLClassLoader("function:" + function, urls.toArray(URL[]::new),
                    new LambdaInterfaces(FunctionCode.class.getClassLoader()));
            return new Loaded(Optional.of(loader), path.get(), Optional.of(archive));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function code " + archive, e);
        }
    }

    private static String describe(Object code) {
        return code == null ? "none" : code instanceof AssetOrArchive ? code.getClass().getSimpleName() : code.toString();
    }

    /**
     * The parent of every function's loader: the JDK (the platform loader) and Lambda's interfaces, nothing else.
     * The events library is not shared: Lambda does not provide it, a handler brings its own.
     */
    static final class LambdaInterfaces extends ClassLoader {
        private final ClassLoader sandbox;

        LambdaInterfaces(ClassLoader sandbox) {
            super("lambda-runtime-interfaces", ClassLoader.getPlatformClassLoader());
            this.sandbox = sandbox;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(LAMBDA_INTERFACES) && !name.startsWith(LAMBDA_EVENTS)) {
                return sandbox.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return null;
        }
    }
}
