package dev.edp.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.sandbox.SandboxFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running local sandbox of a stack ({@code ./edp local}), found through the file it writes while it runs:
 * {@code build/local/<stack>/sandbox.json} = {@code {"endpoint": "http://127.0.0.1:PORT", "region": ...,
 * "credentials": {...}, "outputs": {the stack's exports}}}: requests are signed with the sandbox administrator's
 * key it names (IAM is enforced there); a file without credentials is of an emulator that takes any.
 */
public final class SandboxTarget {

    /** What the SDK signs with when the file names no credentials (an emulator that takes any). */
    static final String ACCESS_KEY = "local";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxTarget() {
    }

    /** Where the sandbox of {@code stack} describes itself, under {@code projectDir}. */
    public static Path file(Path projectDir, String stack) {
        return SandboxFile.path(projectDir, stack);
    }

    public static StackTarget target(Path projectDir, String stack) {
        Path file = file(projectDir, stack);
        if (!Files.isRegularFile(file)) {
            throw new OpsException("--local: no local sandbox of stack " + stack + " is running (" + file
                    + " does not exist); start one with ./edp local --stack " + stack + ", which writes that file");
        }
        SandboxFile sandbox;
        try {
            sandbox = SandboxFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new OpsException(e.getMessage(), e);
        }
        JsonNode outputs = JSON.valueToTree(sandbox.outputs());
        return new StackTarget(stack, new StackOutputs(file.toString(), outputs),
                Optional.of(sandbox.endpoint()), Optional.of(sandbox.region()),
                Optional.of(StaticCredentialsProvider.create(sandbox.accessKeyId() == null
                        ? AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)
                        : AwsBasicCredentials.create(sandbox.accessKeyId(), sandbox.secretAccessKey()))),
                "local sandbox " + file + " at " + sandbox.endpoint());
    }
}
