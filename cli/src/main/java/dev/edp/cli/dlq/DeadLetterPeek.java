package dev.edp.cli.dlq;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at the messages of a dead-letter queue without taking them: receives up to a limit with a short visibility
 * timeout (so one look sees each message once), then makes them visible again at once. Nothing is deleted; if the
 * release fails the messages reappear by themselves when the timeout ends. Each look counts as a receive in SQS's
 * {@code ApproximateReceiveCount}, which a dead-letter queue has no redrive policy to act on.
 */
final class DeadLetterPeek {

    /** Long enough for one look at a few hundred messages, short enough to hide nothing for long if we crash. */
    static final int HIDE_SECONDS = 60;

    private final SqsClient sqs;

    DeadLetterPeek(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** Up to {@code limit} distinct messages of the queue (fewer if it holds fewer visible ones). */
    List<PeekedMessage> look(String queueUrl, int limit) {
        Map<String, PeekedMessage> seen = new LinkedHashMap<>();
        while (seen.size() < limit) {
            int want = Math.min(10, limit - seen.size());
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .visibilityTimeout(HIDE_SECONDS).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> seen.putIfAbsent(m.messageId(), PeekedMessage.of(m)));
        }
        return new ArrayList<>(seen.values());
    }

    /** Makes the looked-at messages visible again. */
    void release(String queueUrl, List<PeekedMessage> messages) {
        for (int i = 0; i < messages.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (PeekedMessage m : messages.subList(i, Math.min(i + 10, messages.size()))) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + entries.size())
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }
}
