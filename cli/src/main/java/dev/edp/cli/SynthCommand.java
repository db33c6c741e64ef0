package dev.edp.cli;

import dev.edp.cli.cost.CostReport;
import dev.edp.cli.cost.PriceTable;
import dev.edp.cli.cost.StackInventory;
import dev.edp.cli.cost.Volumes;
import dev.edp.cli.ops.OpsException;
import dev.edp.cli.synth.ArchitectureDiagram;
import dev.edp.cli.synth.Synth;
import dev.edp.pattern.config.InvalidConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./edp synth --stack NAME --out DIR}: the stack's resource graph and its diagram, under Pulumi mocks. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Runs the project's Pulumi program (this repository's stack, or any Pulumi Java program that"
                + " uses the component: --project-dir with its Pulumi.yaml and stack file) under Pulumi's mock engine with the stack's config (no AWS, no Pulumi "
                + "CLI) and writes DIR/graph.json (every resource, its parent and inputs), DIR/architecture.mmd "
                + "and DIR/cost.md (a monthly cost estimate per component, minimum / typical / maximum, from the "
                + "graph, us-east-1 list prices with their sources, and the volumes).")
public final class SynthCommand implements Callable<Integer> {

    @Option(names = "--stack", required = true, description = "dev, staging or prod (reads Pulumi.<stack>.yaml)")
    String stack;

    @Option(names = "--out", required = true, description = "directory to write into")
    Path out;

    @Option(names = "--project-dir", defaultValue = ".", description = "where Pulumi.yaml is (default: .)")
    Path projectDir;

    @picocli.CommandLine.Mixin
    dev.edp.cli.synth.ProgramOptions program = new dev.edp.cli.synth.ProgramOptions();

    @Option(names = "--volumes", paramLabel = "FILE", description = "monthly volumes for cost.md, JSON, overriding EDP's defaults per scenario, e.g. {\"typical\": "
                + "{\"events\": 5000000}} (cost.md lists every volume)")
    Path volumesFile;

    @Override
    public Integer call() {
        Synth.Result result;
        Volumes volumes;
        try {
            volumes = Volumes.load(java.util.Optional.ofNullable(volumesFile));
            result = Synth.run(program.program(projectDir, stack), new dev.edp.testing.AwsMocks());
        } catch (OpsException | IllegalArgumentException e) {
            System.err.println("edp synth: " + e.getMessage());
            return 2;
        }
        Throwable failure = result.run().failure();
        if (failure != null) {
            Throwable cause = rootCause(failure);
            if (cause instanceof InvalidConfigException invalid) {
                System.err.println("edp synth: stack " + stack + ": " + invalid.getMessage());
            } else {
                System.err.println("edp synth: stack " + stack + ": the program failed: " + cause);
            }
            return 2;
        }
        try {
            Files.createDirectories(out);
            result.graph().writeJson(out.resolve("graph.json"));
            Files.writeString(out.resolve("architecture.mmd"), ArchitectureDiagram.render(result.graph()));
            Files.writeString(out.resolve("cost.md"), CostReport.markdown(stack, StackInventory.of(result.graph()),
                    volumes, PriceTable.usEast1()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + out, e);
        }
        System.out.printf("edp synth: stack %s: %d resources -> %s%n", stack, result.graph().resources().size(),
                out.resolve("graph.json"));
        result.graph().countByType().forEach((type, n) -> System.out.printf("  %4d  %s%n", n, type));
        return 0;
    }

    static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
