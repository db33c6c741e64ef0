package dev.edp.sandbox.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lambda's SQS event source mapping, locally, for any SQS handler: receive a batch, invoke the handler with it as
 * an {@link SQSEvent}, delete what succeeded, and leave the rest to become visible again after the queue's
 * visibility timeout (and reach its dead-letter queue after maxReceiveCount), with {@code ReportBatchItemFailures}
 * semantics:
 * <ul>
 *   <li>the handler throws: no message is deleted;</li>
 *   <li>it returns no failures: every message is deleted;</li>
 *   <li>it returns failures: all others are deleted; a failure id that is empty or not in the batch fails the whole
 *       batch, as Lambda does.</li>
 * </ul>
 */
public final class SqsEventSource {

    /** What one poll did. */
    public record Poll(List<SQSEvent.SQSMessage> received, Set<String> failed, boolean handlerThrew) {
        public boolean isEmpty() {
            return received.isEmpty();
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Supplier<Context> contexts;
    private final int batchSize;
    private final int waitSeconds;
    private final Duration batchingWindow;

    /**
     * @param batchSize   at most this many messages per invocation (1 to 10, SQS's receive limit)
     * @param waitSeconds long-poll wait of each receive (0 to 20)
     */
    public SqsEventSource(SqsClient sqs, String queueUrl, String region, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                          Supplier<Context> contexts, int batchSize, int waitSeconds) {
        this(sqs, queueUrl, region, handler, contexts, batchSize, waitSeconds, Duration.ZERO);
    }

    /**
     * With a batching window, as the mapping's {@code MaximumBatchingWindowInSeconds}: after the first message,
     * receive more until the batch is full or the window has passed.
     *
     * @param batchSize      at most this many messages per invocation (1 to 10,000; above 10 needs a window, as in
     *                       Lambda, since one receive returns at most 10)
     * @param batchingWindow how long to gather a batch (zero: one receive)
     */
    public SqsEventSource(SqsClient sqs, String queueUrl, String region, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                          Supplier<Context> contexts, int batchSize, int waitSeconds, Duration batchingWindow) {
        if (batchSize < 1 || batchSize > 10_000 || (batchSize > 10 && batchingWindow.isZero())) {
            throw new IllegalArgumentException("batchSize must be 1 to 10, or up to 10000 with a batching window; got "
                    + batchSize);
        }
        this.batchingWindow = batchingWindow;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.region = region;
        this.handler = handler;
        this.contexts = contexts;
        this.batchSize = batchSize;
        this.waitSeconds = waitSeconds;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Receives one batch (waiting up to waitSeconds for it), invokes the handler, deletes what succeeded. */
    public Poll pollOnce() {
        List<Message> messages = new ArrayList<>(receive(batchSize, waitSeconds));
        if (!messages.isEmpty() && !batchingWindow.isZero()) {
            long windowEnds = System.nanoTime() + batchingWindow.toNanos();
            while (messages.size() < batchSize && System.nanoTime() < windowEnds) {
                long left = Math.max(0, (windowEnds - System.nanoTime()) / 1_000_000_000L);
                messages.addAll(receive(batchSize - messages.size(), (int) Math.min(left, 20)));
            }
        }
        if (messages.isEmpty()) {
            return new Poll(List.of(), Set.of(), false);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(this::record).toList());
        Set<String> failed;
        boolean threw = false;
        try {
            failed = failures(handler.handleRequest(event, contexts.get()), messages);
        } catch (RuntimeException e) {
            threw = true;
            failed = new HashSet<>(messages.stream().map(Message::messageId).toList());
        }
        delete(messages, failed);
        return new Poll(event.getRecords(), failed, threw);
    }

    private List<Message> receive(int max, int wait) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(Math.min(max, 10))
                .waitTimeSeconds(wait)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    /** Polls until {@code done} holds (checked before each poll) or {@code timeout} passes; returns every poll made. */
    public List<Poll> pollUntil(BooleanSupplier done, Duration timeout) {
        List<Poll> polls = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within " + timeout + " after " + polls.size() + " polls");
            }
            Poll poll = pollOnce();
            if (!poll.isEmpty()) {
                polls.add(poll);
            }
        }
        return polls;
    }

    /** The ids to keep: Lambda fails the whole batch when a reported id is empty or unknown. */
    private static Set<String> failures(SQSBatchResponse response, List<Message> messages) {
        Set<String> ids = new HashSet<>(messages.stream().map(Message::messageId).toList());
        if (response == null || response.getBatchItemFailures() == null) {
            return Set.of();
        }
        Set<String> failed = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            if (id == null || id.isEmpty() || !ids.contains(id)) {
                return ids;
            }
            failed.add(id);
        }
        return failed;
    }

    private void delete(List<Message> messages, Set<String> failed) {
        List<DeleteMessageBatchRequestEntry> entries = messages.stream()
                .filter(message -> !failed.contains(message.messageId()))
                .map(message -> DeleteMessageBatchRequestEntry.builder()
                        .id(message.messageId()).receiptHandle(message.receiptHandle()).build())
                .toList();
        // DeleteMessageBatch takes at most 10 entries.
        for (int from = 0; from < entries.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + 10));
            var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS did not delete " + response.failed());
            }
        }
    }

    private SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        return record;
    }
}
