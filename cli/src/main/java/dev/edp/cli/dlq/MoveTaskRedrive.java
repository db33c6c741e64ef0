package dev.edp.cli.dlq;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Redrive by SQS itself: {@code StartMessageMoveTask} from the DLQ to the source queue, followed with
 * {@code ListMessageMoveTasks} until it ends. SQS moves every message (no count limit), keeps each message's
 * attributes, and goes on if this command stops; a running task for the same DLQ is followed instead of starting
 * a second one (SQS allows one at a time).
 */
final class MoveTaskRedrive {

    /** The outcome: the task's final status and SQS's counts. */
    record Outcome(String taskHandle, String status, long moved, long toMove, Optional<String> failureReason) {
        boolean succeeded() {
            return "COMPLETED".equals(status);
        }
    }

    private final SqsClient sqs;
    private final Duration poll;
    private final PrintStream progress;

    MoveTaskRedrive(SqsClient sqs, Duration poll, PrintStream progress) {
        this.sqs = sqs;
        this.poll = poll;
        this.progress = progress;
    }

    Outcome run(String dlqArn, String sourceQueueArn) throws InterruptedException {
        Optional<ListMessageMoveTasksResultEntry> running = tasks(dlqArn).stream()
                .filter(t -> "RUNNING".equals(t.status())).findFirst();
        String handle;
        if (running.isPresent()) {
            handle = running.get().taskHandle();
            progress.println("  following the move task already running for this DLQ (" + handle + ")");
        } else {
            handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).destinationArn(sourceQueueArn)).taskHandle();
            progress.println("  started move task " + handle);
        }
        while (true) {
            ListMessageMoveTasksResultEntry task = tasks(dlqArn).stream().filter(t -> handle.equals(t.taskHandle()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("SQS no longer lists move task " + handle));
            long moved = nullToZero(task.approximateNumberOfMessagesMoved());
            long toMove = nullToZero(task.approximateNumberOfMessagesToMove());
            if (!"RUNNING".equals(task.status())) {
                return new Outcome(handle, task.status(), moved, toMove, Optional.ofNullable(task.failureReason()));
            }
            progress.println("  " + moved + " of ~" + toMove + " moved");
            Thread.sleep(poll.toMillis());
        }
    }

    /** The DLQ's most recent move tasks (SQS keeps up to 10). */
    private List<ListMessageMoveTasksResultEntry> tasks(String dlqArn) {
        return sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn).maxResults(10)).results();
    }

    private static long nullToZero(Long value) {
        return value == null ? 0 : value;
    }
}
