package dev.edp.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running local sandbox of a stack ({@code ./edp local}), found through the file it writes while it runs:
 * {@code build/local/<stack>/sandbox.json} = {@code {"endpoint": "http://127.0.0.1:PORT", "region": ...,
 * "outputs": {the stack's exports}}}. The emulator accepts any credentials.
 */
public final class LocalSandbox {

    /** The sandbox's emulator takes any credentials; these are what the SDK signs with. */
    static final String ACCESS_KEY = "local";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalSandbox() {
    }

    /** Where the sandbox of {@code stack} describes itself, under {@code projectDir}. */
    public static Path file(Path projectDir, String stack) {
        return projectDir.resolve("build").resolve("local").resolve(stack).resolve("sandbox.json");
    }

    public static StackTarget target(Path projectDir, String stack) {
        Path file = file(projectDir, stack);
        if (!Files.isRegularFile(file)) {
            throw new OpsException("--local: no local sandbox of stack " + stack + " is running (" + file
                    + " does not exist); start one with ./edp local --stack " + stack + ", which writes that file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new OpsException(file + ": not JSON: " + e.getMessage(), e);
        }
        String endpoint = root.path("endpoint").asText("");
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw new OpsException(file + ": 'endpoint' must be an http(s) URL, got '" + endpoint + "'");
        }
        if (!root.path("outputs").isObject()) {
            throw new OpsException(file + ": 'outputs' (the stack's exports) is missing");
        }
        String region = root.path("region").asText("");
        return new StackTarget(stack, new StackOutputs(file.toString(), root.get("outputs")),
                Optional.of(URI.create(endpoint)), Optional.of(region.isEmpty() ? "us-east-1" : region),
                Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY))),
                "local sandbox " + file + " at " + endpoint);
    }
}
