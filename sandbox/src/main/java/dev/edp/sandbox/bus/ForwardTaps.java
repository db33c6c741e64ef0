package dev.edp.sandbox.bus;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Observation queues on the default bus's forwarding rules: each rule whose target is a custom bus gets one more
 * target, a queue of the sandbox's ({@code edp-local-forwarded-<bus>}), which therefore receives exactly what the
 * rule forwards. The sandbox delivers those events on the custom bus itself ({@link LocalEventBus}).
 *
 * <p>Why not let moto deliver on the custom bus: moto sends S3's events to the rules of every bus, AWS only to the
 * default bus. Fed by moto, a custom-bus rule would see uploads with or without the forwarding rule, hiding seed
 * 001's failure; fed by this tap, it sees only what the forwarding rule really forwards.
 */
public final class ForwardTaps {

    static final String PREFIX = "edp-local-forwarded-";
    static final String REPLAY_PREFIX = "edp-local-replayed-";

    private final SqsClient sqs;
    private final Map<String, Tap> tapsByBusArn = new LinkedHashMap<>();
    private final Map<String, Tap> replayTapsByBusArn = new LinkedHashMap<>();

    /** One tap: the bus whose forwarded events it receives, and its queue. */
    public record Tap(String busArn, String queueUrl, String queueArn) {
        public String busName() {
            return busArn.substring(busArn.indexOf("event-bus/") + "event-bus/".length());
        }
    }

    public ForwardTaps(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The tap of the custom bus {@code busArn}, created on first use. */
    public synchronized Tap forBus(String busArn) {
        return tapsByBusArn.computeIfAbsent(busArn, arn -> create(PREFIX, arn));
    }

    /** The queue that receives the archive replays on the custom bus {@code busArn} ({@link ReplayedEvents}). */
    public synchronized Tap forReplays(String busArn) {
        return replayTapsByBusArn.computeIfAbsent(busArn, arn -> create(REPLAY_PREFIX, arn));
    }

    public synchronized Map<String, Tap> replayTaps() {
        return Map.copyOf(replayTapsByBusArn);
    }

    private Tap create(String prefix, String busArn) {
        String name = (prefix + busArn.substring(busArn.lastIndexOf('/') + 1)).replaceAll("[^A-Za-z0-9_-]", "-");
        String url = sqs.createQueue(b -> b.queueName(name.length() > 80 ? name.substring(0, 80) : name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Tap(busArn, url, queueArn);
    }

    public synchronized Map<String, Tap> taps() {
        return Map.copyOf(tapsByBusArn);
    }
}
