package dev.edp.cli.dlq;

import dev.edp.events.StackExports;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.ops.Flags;
import dev.edp.cli.ops.OpsClients;
import dev.edp.cli.ops.OpsCommand;
import dev.edp.cli.ops.OpsException;
import dev.edp.cli.ops.Queues;
import dev.edp.cli.ops.StackTarget;
import dev.edp.cli.ops.StopOnSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** {@code ./edp dlq redrive}: a consumer's dead-lettered messages back to its queue, without loss or duplicates. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Moves a consumer's dead-lettered messages back to its queue for another try, without losing or "
                + "duplicating any even if interrupted. Uses SQS StartMessageMoveTask where the endpoint supports "
                + "it (moves every message, server-side); otherwise, or with --max, receives, sends and deletes "
                + "each message itself with a dedupe journal in the stack's table, so a rerun finishes the job: a "
                + "message recorded as sent is deleted, never sent twice. Says which mechanism it used. Ctrl-C "
                + "finishes the message in hand, then stops.")
public final class DlqRedriveCommand extends OpsCommand {

    @Option(names = "--consumer", required = true, paramLabel = "NAME", description = "whose DLQ to redrive")
    String consumer;

    @Option(names = "--max", paramLabel = "N", description = "move at most N messages (copy mechanism; default all)")
    Integer max;

    @Option(names = "--dry-run", description = "say what would be moved and how; move nothing")
    boolean dryRun;

    @Option(names = "--mechanism", defaultValue = "auto", paramLabel = "auto|move-task|copy",
            description = "auto (default): move-task when the endpoint supports it and no --max is given, else copy")
    String mechanism;

    @Option(names = "--in-doubt", defaultValue = "hold", paramLabel = "hold|resend|delete",
            description = "messages an interrupted earlier run claimed but never confirmed sending: hold them in the DLQ "
                + "and list them (default), resend them, or delete them unsent (copy mechanism)")
    String inDoubt;

    @Option(names = "--visibility-seconds", defaultValue = "120", paramLabel = "S",
            description = "how long a message being moved stays hidden in the DLQ (copy; default 120)")
    int visibilitySeconds;

    @Option(names = "--poll-seconds", defaultValue = "5", paramLabel = "S",
            description = "how often a move task's progress is read (default 5)")
    int pollSeconds;

    @Option(names = "--json", description = "print the outcome as one JSON document")
    boolean json;

    CopyRedrive.Checkpoint checkpoint = CopyRedrive.Checkpoint.NONE;
    Clock clock = Clock.systemUTC();

    @Override
    protected String name() {
        return "dlq redrive";
    }

    @Override
    protected boolean machineOutput() {
        return json;
    }

    @Override
    protected void validate() {
        if (max != null && max < 1) {
            throw new OpsException("--max " + max + ": must be at least 1");
        }
        requestedMechanism();
        inDoubtPolicy();
        Flags.range("--visibility-seconds", visibilitySeconds, 1, 43_200);
        Flags.range("--poll-seconds", pollSeconds, 0, 300);
    }

    @Override
    protected int run(StackTarget target, OpsClients aws) throws InterruptedException {
        PrintStream progress = json ? System.err : System.out;
        String dlqUrl = target.outputs().deadLetterQueueUrl(consumer);
        String sourceUrl = target.outputs().queueUrl(consumer);
        String dlqArn = Queues.arn(aws.sqs(), dlqUrl);
        String sourceArn = Queues.arn(aws.sqs(), sourceUrl);
        Queues.Depth before = Queues.depth(aws.sqs(), dlqUrl);
        RedriveMechanism chosen = choose(aws, dlqArn, progress);
        progress.println("  " + Queues.name(dlqUrl) + " -> " + Queues.name(sourceUrl) + ": " + before.visible()
                + " visible, " + before.inFlight() + " in flight");
        progress.println("  mechanism: " + chosen.flag() + " (" + chosen.description() + ")");

        ObjectNode outcome = new ObjectMapper().createObjectNode();
        outcome.put("consumer", consumer);
        outcome.put("mechanism", chosen.flag());
        outcome.put("dryRun", dryRun);
        outcome.put("visibleBefore", before.visible());
        int exit = 0;
        if (dryRun) {
            long wouldMove = max == null ? before.visible() : Math.min(max, before.visible());
            progress.println("  dry run: would move " + wouldMove + " message(s); nothing moved");
            outcome.put("wouldMove", wouldMove);
        } else if (chosen == RedriveMechanism.MOVE_TASK) {
            MoveTaskRedrive.Outcome task = new MoveTaskRedrive(aws.sqs(), Duration.ofSeconds(pollSeconds), progress)
                    .run(dlqArn, sourceArn);
            progress.println("  move task " + task.taskHandle() + ": " + task.status() + ", " + task.moved()
                    + " moved" + task.failureReason().map(r -> " (" + r + ")").orElse(""));
            outcome.put("status", task.status());
            outcome.put("moved", task.moved());
            exit = task.succeeded() ? 0 : 1;
        } else {
            exit = copy(target, aws, dlqUrl, sourceUrl, dlqArn, progress, outcome);
        }
        Queues.Depth after = Queues.depth(aws.sqs(), dlqUrl);
        outcome.put("visibleAfter", after.visible());
        outcome.put("inFlightAfter", after.inFlight());
        if (!dryRun && after.inFlight() > 0) {
            progress.println("  " + after.inFlight() + " message(s) still hidden in the DLQ (an earlier, interrupted"
                    + " run or an inspection holds them); they are visible again within the visibility timeout:"
                    + " rerun then");
        }
        if (json) {
            System.out.println(outcome.toPrettyString());
        }
        return exit;
    }

    private int copy(StackTarget target, OpsClients aws, String dlqUrl, String sourceUrl, String dlqArn,
                     PrintStream progress, ObjectNode outcome) {
        RedriveJournal journal = new RedriveJournal(aws.dynamo(), target.outputs().string(StackExports.TABLE_NAME), dlqArn, clock);
        progress.println("  journal: " + journal.describe());
        CopyRedrive.Plan plan = new CopyRedrive.Plan(dlqUrl, sourceUrl, Queues.isFifo(aws.sqs(), sourceUrl),
                max == null ? 0 : max, inDoubtPolicy(), visibilitySeconds);
        CopyRedrive.Outcome result;
        try (StopOnSignal stop = StopOnSignal.install("edp-redrive-stop")) {
            result = new CopyRedrive(aws.sqs(), journal, checkpoint).run(plan, stop::requested);
        }
        progress.println("  moved " + result.moved() + " message(s)"
                + (result.leftoversDeleted() > 0 ? "; deleted " + result.leftoversDeleted()
                + " an earlier run had already sent" : "")
                + (result.resentInDoubt() > 0 ? "; resent " + result.resentInDoubt() + " in doubt" : "")
                + (result.deletedInDoubt() > 0 ? "; deleted " + result.deletedInDoubt() + " in doubt unsent" : "")
                + (result.stopped() ? "; stopped on request" : ""));
        if (!result.heldInDoubt().isEmpty()) {
            progress.println("  held in the DLQ, in doubt (an earlier run claimed them and stopped before recording"
                    + " the send): " + String.join(", ", result.heldInDoubt()));
            progress.println("  check whether the consumer received a copy (message attribute "
                    + CopyRedrive.REDRIVE_OF + "), then rerun with --in-doubt resend or --in-doubt delete");
        }
        if (result.deletesDeferred() > 0) {
            progress.println("  " + result.deletesDeferred() + " sent message(s) could not be deleted from the DLQ"
                    + " (receipt expired); the journal has them as sent: a rerun deletes them without resending");
        }
        outcome.put("runId", result.runId());
        outcome.put("moved", result.moved());
        outcome.put("leftoversDeleted", result.leftoversDeleted());
        outcome.put("resentInDoubt", result.resentInDoubt());
        outcome.put("deletedInDoubt", result.deletedInDoubt());
        outcome.set("heldInDoubt", new ObjectMapper().valueToTree(result.heldInDoubt()));
        outcome.put("deletesDeferred", result.deletesDeferred());
        return 0;
    }

    private RedriveMechanism choose(OpsClients aws, String dlqArn, PrintStream progress) {
        Optional<RedriveMechanism> requested = requestedMechanism();
        if (requested.isPresent()) {
            return requested.get();
        }
        Optional<String> unsupported = MoveTaskSupport.unsupportedReason(aws.sqs(), dlqArn);
        if (unsupported.isPresent()) {
            progress.println("  StartMessageMoveTask not available: " + unsupported.get());
            return RedriveMechanism.COPY;
        }
        if (max != null) {
            progress.println("  StartMessageMoveTask moves every message; --max " + max + " needs the copy mechanism");
            return RedriveMechanism.COPY;
        }
        return RedriveMechanism.MOVE_TASK;
    }

    private Optional<RedriveMechanism> requestedMechanism() {
        return switch (mechanism) {
            case "auto" -> Optional.empty();
            case "copy" -> Optional.of(RedriveMechanism.COPY);
            case "move-task" -> {
                if (max != null) {
                    throw new OpsException("--mechanism move-task moves every message: it cannot honour --max "
                            + max + "; use --mechanism copy (or auto)");
                }
                yield Optional.of(RedriveMechanism.MOVE_TASK);
            }
            default -> throw new OpsException("--mechanism " + mechanism + ": must be auto, move-task or copy");
        };
    }

    private CopyRedrive.InDoubt inDoubtPolicy() {
        try {
            return CopyRedrive.InDoubt.valueOf(inDoubt.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OpsException("--in-doubt " + inDoubt + ": must be hold, resend or delete");
        }
    }
}
