package dev.edp.cli.dlq;

import dev.edp.cli.ops.OpsClients;
import dev.edp.cli.ops.Queues;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Inspects one DLQ: depth, the oldest message among up to {@code scan} looked at, the oldest few with errors. */
final class DeadLetterInspection {

    private final OpsClients aws;
    private final DeadLetterPeek peek;

    DeadLetterInspection(OpsClients aws) {
        this.aws = aws;
        this.peek = new DeadLetterPeek(aws.sqs());
    }

    DeadLetterReport inspect(DeadLetterQueue queue, int sampleSize, int scan) {
        Queues.Depth depth = Queues.depth(aws.sqs(), queue.url());
        List<PeekedMessage> seen = depth.visible() == 0 ? List.of() : peek.look(queue.url(), scan);
        try {
            List<PeekedMessage> oldestFirst = seen.stream().sorted(Comparator.comparing(PeekedMessage::sentAt)).toList();
            Optional<Instant> oldest = oldestFirst.stream().findFirst().map(PeekedMessage::sentAt);
            ErrorLookup errors = lookup(queue);
            List<DeadLetterReport.Sampled> sample = new ArrayList<>();
            for (PeekedMessage message : oldestFirst.subList(0, Math.min(sampleSize, oldestFirst.size()))) {
                sample.add(new DeadLetterReport.Sampled(message, errors.find(message)));
            }
            return new DeadLetterReport(queue, depth, seen.size(), oldest, seen.size() >= depth.visible(), sample);
        } finally {
            peek.release(queue.url(), seen);
        }
    }

    private ErrorLookup lookup(DeadLetterQueue queue) {
        List<ErrorSource> sources = new ArrayList<>();
        sources.add(new DeliveryFailureAttributes());
        Optional<String> unavailable = Optional.empty();
        if (queue.logGroup().isPresent()) {
            sources.add(new FunctionLogErrors(aws.logs(), queue.logGroup().get()));
        } else if (queue.consumer().isPresent()) {
            unavailable = Optional.of("the stack outputs name no log group for consumer " + queue.consumer().get()
                    + " (output logGroupNames)");
        }
        return new ErrorLookup(sources, unavailable);
    }
}
