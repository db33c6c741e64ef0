package dev.edp.cli.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What the notifications topic published, as a subscriber sees it: an observation queue of the sandbox's, subscribed
 * to the topic (SNS → SQS, delivered by moto), read in the background. Each notification keeps its SNS timestamp
 * (when SNS took it), its {@code kind}/{@code source}/{@code severity} attributes and its JSON body.
 */
public final class Notifications implements AutoCloseable {

    /** The observation queue's name. */
    public static final String QUEUE = "edp-local-notifications";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One notification. {@code object} is the body's {@code object} (CUR: {@code s3://bucket/key}), if any. */
    public record Notification(String kind, String source, String severity, String subject, JsonNode body,
                               Instant publishedAt) {
        public String object() {
            return body.path("object").asText(null);
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Notification> received = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private final Consumer<Notification> listener;

    private Notifications(SqsClient sqs, String queueUrl, Consumer<Notification> listener) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.listener = listener;
        this.reader = new Thread(this::read, "notifications");
        this.reader.setDaemon(true);
    }

    /** Subscribes an observation queue to {@code topicArn} and starts reading it. */
    public static Notifications subscribe(SqsClient sqs, software.amazon.awssdk.services.sns.SnsClient sns,
                                          String topicArn, Consumer<Notification> listener) {
        String url = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn));
        Notifications notifications = new Notifications(sqs, url, listener);
        notifications.reader.start();
        return notifications;
    }

    public String queueUrl() {
        return queueUrl;
    }

    private void read() {
        while (running.get()) {
            try {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages()) {
                    Notification n = parse(message.body());
                    synchronized (received) {
                        received.add(n);
                        received.notifyAll();
                    }
                    listener.accept(n);
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException | IOException e) {
                if (running.get()) {
                    System.err.println("edp local: reading notifications failed, retrying: " + e.getMessage());
                }
            }
        }
    }

    private static Notification parse(String envelopeText) throws IOException {
        JsonNode envelope = JSON.readTree(envelopeText);
        JsonNode attributes = envelope.path("MessageAttributes");
        String message = envelope.path("Message").asText();
        JsonNode body;
        try {
            body = JSON.readTree(message);
        } catch (IOException e) {
            body = JSON.getNodeFactory().textNode(message);
        }
        return new Notification(attributes.path("kind").path("Value").asText(body.path("kind").asText(null)),
                attributes.path("source").path("Value").asText(null),
                attributes.path("severity").path("Value").asText(null),
                envelope.path("Subject").asText(null), body,
                Instant.parse(envelope.path("Timestamp").asText(Instant.now().toString())));
    }

    /** Every notification so far. */
    public List<Notification> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The first notification matching, waiting for it up to {@code timeout}. */
    public Optional<Notification> await(Predicate<Notification> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                Optional<Notification> found = received.stream().filter(matching).findFirst();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
