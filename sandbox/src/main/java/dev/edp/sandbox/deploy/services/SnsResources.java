package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Topics (KMS-encrypted), their policies, and the subscriptions moto can deliver (SQS). */
public final class SnsResources implements ResourceCreator {

    static final String TOPIC = "aws:sns/topic:Topic";
    static final String POLICY = "aws:sns/topicPolicy:TopicPolicy";
    static final String SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

    private final SnsClient sns;

    public SnsResources(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public Set<String> types() {
        return Set.of(TOPIC, POLICY, SUBSCRIPTION);
    }

    @Override
    public Placed create(PendingResource r) {
        return switch (r.type()) {
            case TOPIC -> topic(r);
            case POLICY -> {
                String arn = r.required("arn");
                sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("Policy").attributeValue(r.required("policy")));
                yield Placed.onEmulator(arn, "stored; moto does not enforce topic policies");
            }
            default -> subscription(r);
        };
    }

    private Placed topic(PendingResource r) {
        Map<String, String> attributes = new HashMap<>();
        if (r.string("kmsMasterKeyId") != null) {
            attributes.put("KmsMasterKeyId", r.string("kmsMasterKeyId"));
        }
        if (r.flag("fifoTopic")) {
            attributes.put("FifoTopic", "true");
        }
        String name = r.name();
        String arn = sns.createTopic(b -> b.name(name).attributes(attributes).tags(r.tags().entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())).topicArn();
        r.put("name", name);
        r.put("arn", arn);
        return Placed.onEmulator(arn, r.string("tracingConfig") == null ? null
                : "X-Ray tracing (tracingConfig) not emulated");
    }

    private Placed subscription(PendingResource r) {
        String protocol = r.required("protocol");
        if (!protocol.equals("sqs")) {
            // moto would try to send e-mail or POST to the endpoint; nothing leaves this machine.
            return Placed.notEmulated(r.mockId(), protocol + " subscriptions send outside the machine; only sqs is delivered");
        }
        Map<String, String> attributes = new HashMap<>();
        if (r.string("filterPolicy") != null) {
            attributes.put("FilterPolicy", r.string("filterPolicy"));
        }
        if (r.flag("rawMessageDelivery")) {
            attributes.put("RawMessageDelivery", "true");
        }
        String arn = sns.subscribe(b -> b.topicArn(r.required("topic")).protocol(protocol)
                .endpoint(r.required("endpoint")).attributes(attributes).returnSubscriptionArn(true)).subscriptionArn();
        r.put("arn", arn);
        return Placed.onEmulator(arn);
    }
}
