package dev.edp.cli.local.run;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every message a queue holds without taking any: receives them all (hidden for a moment), then makes each
 * visible again. Used on dead-letter queues, whose messages must stay for {@code ./edp dlq}.
 */
public final class QueuePeek {

    private QueuePeek() {
    }

    /** The messages now visible in the queue, by message id. */
    public static Map<String, Message> peek(SqsClient sqs, String queueUrl) {
        Map<String, Message> seen = new LinkedHashMap<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(30)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
        } while (!batch.isEmpty());
        List<Message> all = new ArrayList<>(seen.values());
        for (int from = 0; from < all.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = all.subList(from, Math.min(all.size(), from + 10))
                    .stream().map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build()).toList();
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
        return seen;
    }

    /** Visible plus in-flight messages (SQS's approximate counts). */
    public static int depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }
}
