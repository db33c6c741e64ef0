package dev.edp.cli.dlq;

import dev.edp.events.StackExports;
import dev.edp.cli.ops.StackOutputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One dead-letter queue of a stack.
 *
 * @param label    the consumer's name, or {@value #EVENTS} for the shared DLQ of the non-consumer targets
 * @param url      the DLQ's URL
 * @param consumer the consumer it belongs to (empty for the events DLQ)
 * @param logGroup the consumer function's log group, where its failures are logged, if the stack exports it
 */
public record DeadLetterQueue(String label, String url, Optional<String> consumer, Optional<String> logGroup) {

    /** The label of the events DLQ (workflow trigger, audit and default-bus forwarding targets). */
    public static final String EVENTS = "events";

    /** The DLQs to inspect: the consumer's, or every consumer's and the events DLQ. */
    public static List<DeadLetterQueue> of(StackOutputs outputs, Optional<String> consumer) {
        List<DeadLetterQueue> queues = new ArrayList<>();
        List<String> consumers = consumer.map(c -> List.of(outputs.requireDeadLetterConsumer(c)))
                .orElseGet(outputs::deadLetterConsumers);
        for (String c : consumers) {
            queues.add(new DeadLetterQueue(c, outputs.deadLetterQueueUrl(c), Optional.of(c), outputs.logGroupName(c)));
        }
        if (consumer.isEmpty()) {
            queues.add(new DeadLetterQueue(EVENTS, outputs.string(StackExports.EVENTS_DEAD_LETTER_QUEUE_URL), Optional.empty(),
                    Optional.empty()));
        }
        return queues;
    }
}
