package dev.edp.cli.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates and reads emulator resources a test adds beside the pattern's deployed graph ({@link PatternOnMoto}):
 * observation queues and rules, buckets of its own, uploads, drains. It holds no setting of the pattern's: what the
 * pattern deploys is read from the deployment.
 */
public final class MotoResources {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A queue's URL and ARN. */
    public record Queue(String url, String arn) {
    }

    private final MotoClients aws;

    public MotoResources(MotoClients aws) {
        this.aws = aws;
    }

    /** A bucket that sends its events to EventBridge (to the default bus, on AWS). */
    public void bucketWithEventBridge(String bucket) {
        aws.s3.createBucket(b -> b.bucket(bucket));
        aws.s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(n -> n.eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));
    }

    public void bucket(String bucket) {
        aws.s3.createBucket(b -> b.bucket(bucket));
    }

    public void upload(String bucket, String key, byte[] bytes) {
        aws.s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    public Queue queue(String name, Map<QueueAttributeName, String> attributes) {
        String url = aws.sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = aws.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    public Queue queue(String name) {
        return queue(name, Map.of());
    }

    /** A custom event bus; returns its ARN. */
    public String bus(String name) {
        return aws.events.createEventBus(b -> b.name(name)).eventBusArn();
    }

    /** A rule on {@code bus} ("default" for the default bus) with the given targets (ARNs). */
    public void rule(String bus, String name, String pattern, String... targetArns) {
        aws.events.putRule(b -> b.eventBusName(bus).name(name).eventPattern(pattern));
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < targetArns.length; i++) {
            targets.add(Target.builder().id("t" + i).arn(targetArns[i]).build());
        }
        aws.events.putTargets(b -> b.eventBusName(bus).rule(name).targets(targets));
    }

    /** Receives and deletes everything waiting in the queue now (short polls, whatever the queue's own receive wait). */
    public List<Message> drain(Queue queue) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = aws.sqs.receiveMessage(b -> b.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message message : batch) {
                aws.sqs.deleteMessage(b -> b.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
            }
            all.addAll(batch);
        }
    }

    /** A notification as an SQS subscriber of the topic receives it: the filter attributes, subject and JSON body. */
    public record Notified(String kind, String source, String severity, String subject, JsonNode body) {
    }

    /** Receives and deletes the notifications waiting in a queue subscribed to the topic (raw delivery off). */
    public List<Notified> notifications(Queue subscriber) throws IOException {
        List<Notified> all = new ArrayList<>();
        for (Message message : drain(subscriber)) {
            JsonNode envelope = JSON.readTree(message.body());
            JsonNode attributes = envelope.path("MessageAttributes");
            all.add(new Notified(attributes.path("kind").path("Value").asText(),
                    attributes.path("source").path("Value").asText(),
                    attributes.path("severity").path("Value").asText(),
                    envelope.path("Subject").asText(),
                    JSON.readTree(envelope.path("Message").asText())));
        }
        return all;
    }

    /** How many messages the queue holds (visible and in flight). */
    public int depth(Queue queue) {
        Map<QueueAttributeName, String> attributes = aws.sqs.getQueueAttributes(b -> b.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
