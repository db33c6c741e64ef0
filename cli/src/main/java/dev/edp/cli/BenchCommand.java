package dev.edp.cli;

import dev.edp.cli.bench.SynthBenchmark;
import picocli.CommandLine.Command;

/** {@code ./edp bench ...}: benchmarks that print figures (results go in docs/benchmarks.md, never in tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {SynthBenchmark.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
