package dev.edp.cli.cur;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edp cur}: the cost-report pipeline's tools. */
@Command(name = "cur", mixinStandardHelpOptions = true,
        description = "Cost-report (CUR) tools: aggregate a report locally, generate test reports, benchmark the parser.",
        subcommands = {AggregateCommand.class, GenerateCommand.class, BenchCommand.class, dev.edp.cli.coldstart.ColdStartCommand.CurOnly.class})
public final class CurCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
