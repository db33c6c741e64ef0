package dev.edp.cli.dlq;

import dev.edp.cli.ops.Queues;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an inspection of one DLQ found.
 *
 * @param inspected   how many visible messages were looked at to find the oldest
 * @param oldestSentAt when the oldest of those was first sent (SQS keeps the original enqueue time when it moves a
 *                     message to a DLQ)
 * @param oldestExact  whether every visible message was looked at, so the oldest is the queue's oldest
 * @param sample       the oldest messages, each with the error recorded for it
 */
public record DeadLetterReport(DeadLetterQueue queue, Queues.Depth depth, int inspected,
                               Optional<Instant> oldestSentAt, boolean oldestExact, List<Sampled> sample) {

    /** A sampled message and what was recorded about its failure. */
    public record Sampled(PeekedMessage message, ErrorFinding finding) {
    }
}
