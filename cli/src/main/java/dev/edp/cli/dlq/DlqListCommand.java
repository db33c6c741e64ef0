package dev.edp.cli.dlq;

import dev.edp.cli.ops.Flags;
import dev.edp.cli.ops.OpsClients;
import dev.edp.cli.ops.OpsCommand;
import dev.edp.cli.ops.OpsException;
import dev.edp.cli.ops.StackTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ./edp dlq list}: every DLQ's depth, its oldest message, and a sample with the error recorded for each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Each dead-letter queue of the stack (every consumer's and the events DLQ, or one consumer's): "
                + "its depth, the age of its oldest message, and the oldest messages with their receive count and "
                + "the error recorded for them: the consumer function's failure log line (error, file, line) or "
                + "EventBridge's delivery-failure attributes. 'no error recorded' when neither has one. Messages "
                + "are looked at, never taken: they are visible again when the command ends.")
public final class DlqListCommand extends OpsCommand {

    @Option(names = "--consumer", paramLabel = "NAME", description = "only this consumer's DLQ")
    String consumer;

    @Option(names = "--sample", defaultValue = "5", paramLabel = "N",
            description = "messages shown per DLQ, oldest first, with their errors (default 5)")
    int sample;

    @Option(names = "--scan", defaultValue = "100", paramLabel = "N",
            description = "messages looked at per DLQ to find the oldest (default 100)")
    int scan;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    Clock clock = Clock.systemUTC();

    @Override
    protected String name() {
        return "dlq list";
    }

    @Override
    protected boolean machineOutput() {
        return json;
    }

    @Override
    protected void validate() {
        Flags.range("--sample", sample, 0, 1000);
        if (scan < Math.max(1, sample) || scan > 10_000) {
            throw new OpsException("--scan " + scan + ": must be at least --sample (" + sample + ") and at most 10000");
        }
    }

    @Override
    protected int run(StackTarget target, OpsClients aws) {
        // The outputs are checked before anything is contacted.
        List<DeadLetterQueue> queues = DeadLetterQueue.of(target.outputs(), Optional.ofNullable(consumer));
        DeadLetterInspection inspection = new DeadLetterInspection(aws);
        List<DeadLetterReport> reports = new ArrayList<>();
        for (DeadLetterQueue queue : queues) {
            reports.add(inspection.inspect(queue, sample, scan));
        }
        System.out.print(json ? DeadLetterReportView.json(target.stack(), reports, clock.instant()) + "\n"
                : DeadLetterReportView.text(reports, clock.instant()));
        return 0;
    }
}
