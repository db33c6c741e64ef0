package dev.edp.testing.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.edp.testing.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A consumer's handler against a real SQS queue (moto on 127.0.0.1), with Lambda's SQS semantics and no Pulumi, no
 * CLI: a queue and its dead-letter queue with a redrive policy ({@code maxReceiveCount}), messages received in
 * batches of up to {@code batchSize} and handed to the handler as Lambda's SQS event source mapping hands them
 * ({@code ReportBatchItemFailures}: the records the handler lists in {@code batchItemFailures} stay on the queue,
 * the others are deleted; a handler that throws fails the whole batch), failed records received again until SQS
 * itself moves them to the dead-letter queue after {@code maxReceiveCount} receives.
 *
 * <pre>{@code
 * try (MotoServer moto = MotoServer.start(); SqsHandlerKit kit = SqsHandlerKit.on(moto, 3)) {
 *     kit.send(orderPaid("SHOP-1", 42.5));
 *     kit.send(orderPaid("SHOP-2", null));          // refused by the handler
 *     SqsHandlerKit.Outcome outcome = kit.run(new InvoiceHandler(Map.of()));
 *     assertThat(outcome.deadLettered()).hasSize(1); // after 3 receives, in the DLQ
 * }
 * }</pre>
 */
public final class SqsHandlerKit implements AutoCloseable {

    /** What a run did: the bodies handled, those SQS moved to the DLQ, and each batch the handler got. */
    public record Outcome(List<String> processed, List<String> deadLettered, List<Batch> batches) {
    }

    /** One invocation: the bodies of its records, each record's receive count, and which ones failed. */
    public record Batch(List<String> bodies, List<Integer> receiveCounts, Set<String> failedBodies, Throwable error) {
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String deadLetterQueueUrl;
    private final int maxReceiveCount;
    private int batchSize = 10;

    private SqsHandlerKit(SqsClient sqs, String queueUrl, String queueArn, String deadLetterQueueUrl, int maxReceiveCount) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.maxReceiveCount = maxReceiveCount;
    }

    /** A new queue and dead-letter queue on {@code moto}, redriving after {@code maxReceiveCount} receives. */
    public static SqsHandlerKit on(MotoServer moto, int maxReceiveCount) {
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1, got " + maxReceiveCount);
        }
        SqsClient sqs = SqsClient.builder().endpointOverride(moto.endpoint()).region(Region.of(MotoServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
        String name = "kit-" + UUID.randomUUID().toString().substring(0, 8);
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}"))).queueUrl();
        return new SqsHandlerKit(sqs, url, arn(sqs, url), dlqUrl, maxReceiveCount);
    }

    /** At most this many records per invocation (the mapping's batch size; 10 by default). */
    public SqsHandlerKit batchSize(int size) {
        if (size < 1 || size > 10) {
            throw new IllegalArgumentException("batchSize must be 1..10 (SQS's receive limit), got " + size);
        }
        this.batchSize = size;
        return this;
    }

    /** Sends a message body (an EventBridge event's JSON, as a rule's SQS target delivers it). */
    public SqsHandlerKit send(String body) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        return this;
    }

    /** Receives and invokes until the queue is empty: every message handled or dead-lettered. */
    public Outcome run(RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        List<String> processed = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        int idle = 0;
        // Each failed record comes back at most maxReceiveCount times; the bound only stops a broken emulator.
        for (int round = 0; round < 1000 && idle < 3; round++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                    .visibilityTimeout(30).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                idle++;
                continue;
            }
            idle = 0;
            Batch batch = invoke(handler, messages);
            batches.add(batch);
            for (Message m : messages) {
                if (batch.failedBodies().contains(m.body())) {
                    // Lambda leaves a failed record to its visibility timeout; here it is visible again at once.
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                } else {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    processed.add(m.body());
                }
            }
        }
        return new Outcome(List.copyOf(processed), deadLettered(), List.copyOf(batches));
    }

    private Batch invoke(RequestHandler<SQSEvent, SQSBatchResponse> handler, List<Message> messages) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(MotoServer.REGION);
            Map<String, String> attributes = new java.util.HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.setAttributes(attributes);
            counts.add(Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1")));
            records.add(record);
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        Throwable error = null;
        try {
            SQSBatchResponse response = handler.handleRequest(event, context());
            if (response != null && response.getBatchItemFailures() != null) {
                for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
                    messages.stream().filter(m -> m.messageId().equals(f.getItemIdentifier()))
                            .forEach(m -> failed.add(m.body()));
                }
            }
        } catch (RuntimeException e) {
            error = e;
            messages.forEach(m -> failed.add(m.body()));
        }
        return new Batch(messages.stream().map(Message::body).toList(), List.copyOf(counts), Set.copyOf(failed), error);
    }

    /** The bodies in the dead-letter queue (left there). */
    public List<String> deadLettered() {
        List<String> bodies = new ArrayList<>();
        for (Message m : sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10)
                .visibilityTimeout(0).waitTimeSeconds(0)).messages()) {
            bodies.add(m.body());
        }
        return List.copyOf(bodies);
    }

    public int maxReceiveCount() {
        return maxReceiveCount;
    }

    /** Lambda's logger: lines to standard output, as Lambda sends them to the function's log. */
    private static final com.amazonaws.services.lambda.runtime.LambdaLogger LOGGER =
            (com.amazonaws.services.lambda.runtime.LambdaLogger) java.lang.reflect.Proxy.newProxyInstance(
                    SqsHandlerKit.class.getClassLoader(),
                    new Class<?>[]{com.amazonaws.services.lambda.runtime.LambdaLogger.class}, (proxy, method, args) -> {
                        if (method.getName().equals("log") && args != null && args.length > 0) {
                            System.out.println(args[0] instanceof byte[] bytes
                                    ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(args[0]));
                        }
                        return null;
                    });

    private static Context context() {
        return (Context) java.lang.reflect.Proxy.newProxyInstance(SqsHandlerKit.class.getClassLoader(),
                new Class<?>[]{Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> UUID.randomUUID().toString();
                    case "getFunctionName" -> "handler-under-test";
                    case "getRemainingTimeInMillis" -> (int) Duration.ofMinutes(1).toMillis();
                    case "getMemoryLimitInMB" -> 512;
                    case "getLogger" -> LOGGER;
                    default -> null;
                });
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    @Override
    public void close() {
        sqs.close();
    }
}
