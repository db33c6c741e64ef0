package dev.edp.sandbox.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Pulumi project's files as the engine reads them: the project name from {@code Pulumi.yaml} and a stack's
 * config from {@code Pulumi.<stack>.yaml}, flattened the way the engine hands config to a program
 * ({@code "edp:environment" → "dev"}; objects and lists as JSON text).
 */
public record StackFiles(String project, String stack, Map<String, String> config) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static StackFiles read(Path projectDir, String stack) {
        Path projectFile = projectDir.resolve("Pulumi.yaml");
        Path stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(projectFile)) {
            throw new IllegalArgumentException(projectFile + ": no Pulumi project here");
        }
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalArgumentException(stackFile + ": no such stack file (stacks: dev, staging, prod)");
        }
        try {
            JsonNode project = YAML.readTree(projectFile.toFile());
            String name = project.path("name").asText(null);
            if (name == null) {
                throw new IllegalArgumentException(projectFile + ": has no 'name'");
            }
            JsonNode stackConfig = YAML.readTree(stackFile.toFile()).path("config");
            Map<String, String> config = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = stackConfig.fields(); it.hasNext(); ) {
                var entry = it.next();
                if (entry.getValue().isObject() && entry.getValue().has("secure")) {
                    throw new IllegalArgumentException(stackFile + ": " + entry.getKey()
                            + " is a secret; synth runs without the stack's secrets provider");
                }
                config.put(entry.getKey(), entry.getValue().isValueNode() ? entry.getValue().asText()
                        : entry.getValue().toString());
            }
            return new StackFiles(name, stack, config);
        } catch (IOException e) {
            throw new IllegalArgumentException(stackFile + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
