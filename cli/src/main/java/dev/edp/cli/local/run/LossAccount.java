package dev.edp.cli.local.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages lost, counted from observations: for each consumer queue, every message the bus sent there (by SQS
 * message id) must have been processed successfully, be in the consumer's dead-letter queue, or still be in the
 * queue; anything else is lost. So is a delivery the bus could not make (or a function's asynchronous invocation
 * whose retries ran out) with no dead-letter queue to take it, and an upload whose event never reached the bus; with
 * one, it counts as dead-lettered.
 */
public record LossAccount(int sent, int processed, int deadLettered, int remaining, int lost, List<String> details) {

    public static LossAccount of(ScenarioContext context, List<String> uploadsNeverForwarded) {
        DeliveryLedger ledger = context.ledger();
        Map<String, String> queues = context.exportMap("queueUrls");
        Map<String, String> deadLetterQueues = context.exportMap("deadLetterQueueUrls");
        int sent = 0;
        int processed = 0;
        int deadLettered = 0;
        int remaining = 0;
        int lost = 0;
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, String> consumer : queues.entrySet()) {
            String queue = consumer.getValue().substring(consumer.getValue().lastIndexOf('/') + 1);
            Set<String> sentIds = ledger.sentByQueue().getOrDefault(queue, Set.of());
            if (sentIds.isEmpty()) {
                continue;
            }
            Set<String> accounted = new HashSet<>(ledger.processed(queue));
            accounted.retainAll(sentIds);
            int ok = accounted.size();
            Set<String> inDlq = new HashSet<>(QueuePeek.peek(context.aws().sqs(),
                    deadLetterQueues.get(consumer.getKey())).keySet());
            inDlq.retainAll(sentIds);
            inDlq.removeAll(accounted);
            accounted.addAll(inDlq);
            int waiting = QueuePeek.depth(context.aws().sqs(), consumer.getValue());
            int missing = Math.max(0, sentIds.size() - accounted.size() - waiting);
            sent += sentIds.size();
            processed += ok;
            deadLettered += inDlq.size();
            remaining += waiting;
            lost += missing;
            if (missing > 0) {
                details.add(consumer.getKey() + ": " + missing + " of " + sentIds.size() + " messages neither processed,"
                        + " dead-lettered nor waiting");
            }
        }
        for (DeliveryLedger.Failure failure : ledger.failures()) {
            if (failure.deadLetterId() != null) {
                deadLettered++;
            } else {
                lost++;
                details.add("the bus could not deliver " + failure.key() + " to " + failure.target() + " and it had no DLQ");
            }
        }
        for (String upload : uploadsNeverForwarded) {
            lost++;
            details.add(upload + ": its event never reached the bus");
        }
        return new LossAccount(sent, processed, deadLettered, remaining, lost, List.copyOf(details));
    }
}
