package dev.edp.cli.ops;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/** What the operations commands read about an SQS queue: its ARN, whether it is FIFO, its depth. */
public final class Queues {

    private Queues() {
    }

    /** How many messages a queue holds. */
    public record Depth(long visible, long inFlight, long delayed) {
        public long total() {
            return visible + inFlight + delayed;
        }
    }

    public static String arn(SqsClient sqs, String url) {
        return attributes(sqs, url, QueueAttributeName.QUEUE_ARN).get(QueueAttributeName.QUEUE_ARN);
    }

    public static boolean isFifo(SqsClient sqs, String url) {
        // Only FIFO queues have the attribute; asking a standard queue for it is not an error.
        return Boolean.parseBoolean(attributes(sqs, url, QueueAttributeName.FIFO_QUEUE).get(QueueAttributeName.FIFO_QUEUE));
    }

    public static Depth depth(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = attributes(sqs, url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        return new Depth(count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
                count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    /** The queue's name: the last segment of its URL. */
    public static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static Map<QueueAttributeName, String> attributes(SqsClient sqs, String url, QueueAttributeName... names) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(names)).attributes();
    }
}
