package dev.edp.cli.local.functions;

import dev.edp.cli.local.deploy.PendingResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a function's handler class is loaded from: the code archive the function deploys (its {@code code} input,
 * the jar {@code edp:runtimeJar} names, relative to the project directory) when it exists, else the CLI's own class
 * path, which carries EDP's runtime. Loading from the archive lets the sandbox run a consumer of your own that lives
 * in your runtime jar. The archive's loader asks the CLI's class path first, so the Lambda interfaces and the SDK
 * are shared with the sandbox.
 */
public final class FunctionCode {

    private final Path projectDir;
    private final Map<Path, ClassLoader> loaders = new ConcurrentHashMap<>();

    public FunctionCode(Path projectDir) {
        this.projectDir = projectDir;
    }

    /** The class loader for a function whose {@code code} input is {@code code} (an asset or archive: {@code path}). */
    public ClassLoader loaderFor(Map<String, Object> code) {
        String path = PendingResource.text(code.get("path"));
        if (path == null) {
            return FunctionCode.class.getClassLoader();
        }
        Path archive = projectDir.resolve(path).toAbsolutePath().normalize();
        if (!Files.isRegularFile(archive)) {
            return FunctionCode.class.getClassLoader();
        }
        return loaders.computeIfAbsent(archive, FunctionCode::open);
    }

    private static ClassLoader open(Path archive) {
        try {
            return new URLClassLoader("function-code:" + archive.getFileName(), new URL[]{archive.toUri().toURL()},
                    FunctionCode.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function code " + archive, e);
        }
    }
}
