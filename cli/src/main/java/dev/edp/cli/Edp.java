package dev.edp.cli;

import dev.edp.cli.cur.CurCommand;
import dev.edp.cli.dlq.DlqCommand;
import dev.edp.cli.local.LocalCommand;
import dev.edp.cli.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./edp}: the project's commands. Each subcommand is its own class; this one only lists them.
 * Exit codes: 0 success, 1 a check failed (policy violation, checklist item), 2 bad usage or bad input.
 */
@Command(name = "edp", mixinStandardHelpOptions = true, version = "edp 0.1.0",
        description = "EDP: the event-driven pattern for Pulumi Java - synth, check, local sandbox, CUR tools, operations.",
        subcommands = {
                CommandLine.HelpCommand.class,
                SynthCommand.class,
                BenchCommand.class,
                CurCommand.class,
                dev.edp.cli.coldstart.ColdStartCommand.class,
                LocalCommand.class,
                DlqCommand.class,
                ReplayCommand.class,
        })
public final class Edp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals("cur") && args[1].equals("aggregate") && !args[2].startsWith("-")) {
            // The one command whose whole process is a benchmark (docs/benchmarks.md, against DuckDB), with one
            // argument: run it without building the command tree, whose annotations and lambdas cost a fresh JVM
            // about as much CPU as summing 100 MB. Anything else (options, --help) goes through picocli below.
            System.exit(dev.edp.cli.cur.AggregateCommand.aggregate(java.nio.file.Path.of(args[2]),
                    new java.io.PrintWriter(System.out), new java.io.PrintWriter(System.err, true)));
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line with EDP's exit-code conventions, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Edp())
                .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
