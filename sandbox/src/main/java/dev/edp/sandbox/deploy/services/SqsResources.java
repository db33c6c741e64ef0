package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Queues with their encryption, retention, visibility timeout and redrive policy (moto moves a message to the DLQ
 * after maxReceiveCount receives, as SQS does), their access policies and redrive-allow policies.
 */
public final class SqsResources implements ResourceCreator {

    static final String QUEUE = "aws:sqs/queue:Queue";
    static final String POLICY = "aws:sqs/queuePolicy:QueuePolicy";
    static final String REDRIVE_ALLOW = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy";

    /** Queue inputs (wire names) and the SQS attributes they set. */
    private static final Map<String, QueueAttributeName> ATTRIBUTES = Map.of(
            "kmsMasterKeyId", QueueAttributeName.KMS_MASTER_KEY_ID,
            "kmsDataKeyReusePeriodSeconds", QueueAttributeName.KMS_DATA_KEY_REUSE_PERIOD_SECONDS,
            "messageRetentionSeconds", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "visibilityTimeoutSeconds", QueueAttributeName.VISIBILITY_TIMEOUT,
            "receiveWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "redrivePolicy", QueueAttributeName.REDRIVE_POLICY,
            "delaySeconds", QueueAttributeName.DELAY_SECONDS,
            "maxMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "fifoQueue", QueueAttributeName.FIFO_QUEUE,
            "contentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);

    private final SqsClient sqs;
    private final String endpoint;

    /** @param endpoint the sandbox endpoint, which the queue URLs given to the stack name */
    public SqsResources(SqsClient sqs, java.net.URI endpoint) {
        this.sqs = sqs;
        this.endpoint = endpoint.toString();
    }

    @Override
    public Set<String> types() {
        return Set.of(QUEUE, POLICY, REDRIVE_ALLOW);
    }

    @Override
    public Placed create(PendingResource r) {
        return switch (r.type()) {
            case QUEUE -> queue(r);
            case POLICY -> {
                String url = r.required("queueUrl");
                sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, r.required("policy"))));
                yield Placed.onEmulator(url, "stored; moto does not enforce queue policies");
            }
            default -> {
                String url = r.required("queueUrl");
                sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.REDRIVE_ALLOW_POLICY,
                        r.required("redriveAllowPolicy"))));
                yield Placed.onEmulator(url);
            }
        };
    }

    private Placed queue(PendingResource r) {
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        ATTRIBUTES.forEach((input, attribute) -> {
            String value = r.string(input);
            if (value != null) {
                attributes.put(attribute, value);
            }
        });
        String name = r.name();
        String created = sqs.createQueue(b -> b.queueName(name).attributes(attributes).tags(r.tags())).queueUrl();
        // moto names its own port in the URLs it returns (the endpoint does not forward the Host header); the stack
        // gets the URL on the sandbox endpoint, which every client uses. moto finds a queue by the URL's path.
        String url = endpoint + created.substring(created.indexOf('/', created.indexOf("//") + 2));
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        r.put("name", name);
        r.put("url", url);
        r.put("arn", arn);
        return Placed.onEmulator(url);
    }
}
