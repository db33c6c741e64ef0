package dev.edp.cli.moto;

import dev.edp.sandbox.Sandbox;
import dev.edp.sandbox.functions.SqsEventSource;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * An {@link SqsEventSource} on a deployed queue whose failed records are visible again after
 * {@link Sandbox#RETRY_DELAY}, as the sandbox's event source mappings make them, instead of after the queue's real
 * visibility timeout (minutes): the redrive to the dead-letter queue after maxReceiveCount happens in seconds.
 */
public final class RetryingEventSource {

    private final SqsClient sqs;
    private final String queueUrl;
    private final SqsEventSource source;

    public RetryingEventSource(SqsClient sqs, String queueUrl, SqsEventSource source) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.source = source;
    }

    /** One poll; what failed is visible again after the retry delay. */
    public SqsEventSource.Poll pollOnce() {
        SqsEventSource.Poll poll = source.pollOnce();
        poll.received().stream().filter(m -> poll.failed().contains(m.getMessageId())).forEach(m ->
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.getReceiptHandle())
                        .visibilityTimeout((int) Sandbox.RETRY_DELAY.toSeconds())));
        return poll;
    }

    /** Polls until {@code done} holds (checked before each poll) or {@code timeout} passes; returns every poll made. */
    public List<SqsEventSource.Poll> pollUntil(BooleanSupplier done, Duration timeout) {
        List<SqsEventSource.Poll> polls = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within " + timeout + " after " + polls.size() + " polls");
            }
            SqsEventSource.Poll poll = pollOnce();
            if (!poll.isEmpty()) {
                polls.add(poll);
            }
        }
        return polls;
    }
}
