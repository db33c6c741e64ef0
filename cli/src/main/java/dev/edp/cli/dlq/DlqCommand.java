package dev.edp.cli.dlq;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./edp dlq}: inspect dead-letter queues and move their messages back for another try. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Dead-letter queues: 'list' what they hold and why, 'redrive' a consumer's messages back.",
        subcommands = {DlqListCommand.class, DlqRedriveCommand.class})
public final class DlqCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
