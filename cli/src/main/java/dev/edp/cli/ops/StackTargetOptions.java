package dev.edp.cli.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The options every operations command shares to find its stack: {@code --stack}, and where the outputs and the
 * account come from (the local sandbox, a file, or the Pulumi CLI).
 */
public final class StackTargetOptions {

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "the stack, e.g. dev")
    String stack;

    @Option(names = "--local", description = "act on the running local sandbox of the stack (./edp local): its emulator endpoint and outputs, "
                + "from build/local/<stack>/sandbox.json")
    boolean local;

    @Option(names = "--outputs", paramLabel = "FILE", description = "the stack's outputs as JSON, as 'pulumi stack output --json -s NAME' prints them (default: run "
                + "that command when the Pulumi CLI is on PATH). Endpoint, region and credentials then come from "
                + "the AWS SDK's default chains (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).")
    Path outputsFile;

    @Option(names = "--project-dir", defaultValue = ".", paramLabel = "DIR",
            description = "the Pulumi project (Pulumi.yaml, build/local/): default .")
    Path projectDir;

    public String stack() {
        return stack;
    }

    /** Finds the stack: {@code --local}, else {@code --outputs FILE}, else the Pulumi CLI; fails naming the way out. */
    public StackTarget resolve() {
        if (local && outputsFile != null) {
            throw new OpsException("--local and --outputs exclude each other: the sandbox brings its own outputs");
        }
        if (local) {
            return SandboxTarget.target(projectDir, stack);
        }
        StackOutputs outputs;
        String description;
        if (outputsFile != null) {
            outputs = fromFile(outputsFile);
            description = "outputs " + outputsFile + ", AWS account from the SDK's default chains";
        } else {
            Path pulumi = PulumiStackOutputs.locate().orElseThrow(() -> new OpsException(
                    "no stack outputs for " + stack + ": the Pulumi CLI is not on PATH; pass --outputs FILE (the JSON"
                            + " of 'pulumi stack output --json -s " + stack + "') or --local for the local sandbox"));
            outputs = PulumiStackOutputs.read(pulumi, projectDir, stack);
            description = "pulumi stack output -s " + stack + ", AWS account from the SDK's default chains";
        }
        return new StackTarget(stack, outputs, Optional.empty(), Optional.empty(), Optional.empty(), description);
    }

    private static StackOutputs fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new OpsException("--outputs " + file + ": no such file");
        }
        try {
            return new StackOutputs(file.toString(), new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new OpsException("--outputs " + file + ": not JSON: " + e.getMessage(), e);
        }
    }
}
