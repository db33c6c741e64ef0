package dev.edp.cli.local.sandbox;

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
 * --local}, through {@link dev.edp.cli.ops.LocalSandbox}). Written once the stack is deployed, removed when the
 * sandbox stops; this class is the one place its format is written and read. Its shape, documented in
 * docs/local-sandbox.md:
 *
 * <pre>{"endpoint": "http://127.0.0.1:PORT", "region": "us-east-1", "outputs": {the stack's exports}}</pre>
 *
 * where the outputs are exactly what {@code pulumi stack output} would list (busName, archiveName, queueUrls,
 * deadLetterQueueUrls, tableName, ...), with the emulator's names and URLs.
 */
public record SandboxFile(URI endpoint, String region, Map<String, Object> outputs) {

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
        return new SandboxFile(URI.create(endpoint), region.isEmpty() ? "us-east-1" : region,
                JSON.convertValue(root.get("outputs"), Map.class));
    }

    public void write(Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("endpoint", endpoint.toString());
        root.put("region", region);
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

    public static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("edp local: could not remove " + file + ": " + e.getMessage());
        }
    }
}
