package dev.edp.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code build/local/<stack>/sandbox.json}: how other commands find a running sandbox (e.g. {@code ./edp dlq
 * --local}, through {@link dev.edp.cli.ops.SandboxTarget}). Written once the stack is deployed, removed when the
 * sandbox stops; this class is the one place its format is written and read. Its shape, documented in
 * docs/local-sandbox.md:
 *
 * <pre>{"endpoint": "http://127.0.0.1:PORT", "region": "us-east-1",
 *  "credentials": {"accessKeyId": "...", "secretAccessKey": "..."}, "outputs": {the stack's exports}}</pre>
 *
 * where the outputs are exactly what {@code pulumi stack output} would list (busName, archiveName, queueUrls,
 * deadLetterQueueUrls, tableName, ...), with the emulator's names and URLs, and the credentials are the access key of
 * the sandbox's administrator (IAM is enforced on the emulator: another key is refused). A file without credentials
 * (an emulator that does not enforce IAM) is read with both null.
 */
public record SandboxFile(URI endpoint, String region, Map<String, Object> outputs, String accessKeyId,
                          String secretAccessKey) {

    /** Of an emulator that takes any credentials. */
    public SandboxFile(URI endpoint, String region, Map<String, Object> outputs) {
        this(endpoint, region, outputs, null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where the file of a stack's sandbox lives, under a project directory. */
    public static Path path(Path projectDir, String stack) {
        return projectDir.resolve("build").resolve("local").resolve(stack).resolve("sandbox.json");
    }

    /** Reads a sandbox file; {@link IllegalArgumentException} naming the file and the field when it is not one. */
    @SuppressWarnings("unchecked")
    public static SandboxFile read(Path file) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
        String endpoint = root.path("endpoint").asText("");
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw new IllegalArgumentException(file + ": 'endpoint' must be an http(s) URL, got '" + endpoint + "'");
        }
        if (!root.path("outputs").isObject()) {
            throw new IllegalArgumentException(file + ": 'outputs' (the stack's exports) is missing");
        }
        String region = root.path("region").asText("");
        com.fasterxml.jackson.databind.JsonNode credentials = root.path("credentials");
        String keyId = credentials.path("accessKeyId").asText(null);
        String secret = credentials.path("secretAccessKey").asText(null);
        if ((keyId == null) != (secret == null)) {
            throw new IllegalArgumentException(file + ": 'credentials' needs both 'accessKeyId' and 'secretAccessKey'");
        }
        return new SandboxFile(URI.create(endpoint), region.isEmpty() ? "us-east-1" : region,
                JSON.convertValue(root.get("outputs"), Map.class), keyId, secret);
    }

    public void write(Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("endpoint", endpoint.toString());
        root.put("region", region);
        if (accessKeyId != null) {
            root.put("credentials", Map.of("accessKeyId", accessKeyId, "secretAccessKey", secretAccessKey));
        }
        root.put("outputs", outputs);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(partial, JSON.writeValueAsString(root) + "\n");
            // Readers never see a half-written file.
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Claims a stack's sandbox file for this process until {@link Claim#close()}: an exclusive lock on
     * {@code sandbox.lock} beside it, held while the sandbox runs, so a second sandbox of the same stack (another
     * {@code ./edp local --stack S} in the same project) is refused at start, naming the one running, instead of
     * overwriting its file and deleting it when it stops. The operating system releases the lock if the process
     * dies, so a crashed sandbox never blocks the next.
     */
    public static Claim claim(Path file) {
        Path lockFile = file.resolveSibling("sandbox.lock");
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                String running = Files.isRegularFile(file) ? " at " + read(file).endpoint() : "";
                throw new SandboxRunningException("another sandbox of this stack is running" + running + " (it holds "
                        + lockFile + "): stop it first, or run this one with another --stack");
            }
            return new Claim(file, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /** A sandbox of the same stack holds the file. */
    public static final class SandboxRunningException extends IllegalStateException {
        public SandboxRunningException(String message) {
            super(message);
        }
    }

    /** This process's hold on a stack's sandbox file: {@link #close()} removes the file, then releases the lock. */
    public static final class Claim implements AutoCloseable {
        private final Path file;
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private Claim(Path file, java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        public Path file() {
            return file;
        }

        /** Writes the file (only its holder may). */
        public void write(SandboxFile contents) {
            contents.write(file);
        }

        @Override
        public void close() {
            remove(file);
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                System.err.println("edp local: could not release " + file.resolveSibling("sandbox.lock") + ": "
                        + e.getMessage());
            }
        }
    }

    public static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("edp local: could not remove " + file + ": " + e.getMessage());
        }
    }
}
