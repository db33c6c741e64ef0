package dev.edp.pattern.inputs;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Optional;

/** A subscription to one of the pattern's topics. */
public final class SubscriptionArgs extends ResourceArgs {

    /**
     * Which topic: {@code notifications} (success, error, anomaly, approval requests) or {@code alarms}. Unset in a
     * topic consumer's own subscriptions.
     */
    @OneOf(PatternTopic.class)
    @Import(name = "topic")
    private @Nullable String topic;

    /** How SNS delivers: {@code email}, {@code sqs}, {@code lambda}, {@code https} or {@code firehose}. */
    @OneOf(SubscriptionProtocol.class)
    @Import(name = "protocol", required = true)
    private String protocol;

    /**
     * The address, URL, queue ARN or function ARN (e.g. another resource's {@code arn()}); or {@code consumer:<name>}
     * for a consumer of this pattern (its queue for {@code sqs}, its function for {@code lambda}). The pattern lets
     * the topic deliver: for {@code lambda} a {@code lambda:InvokeFunction} permission for SNS scoped to the topic
     * (the function must be in the stack's account); for {@code sqs} to a consumer, the consumer queue's policy
     * admits the topic. A queue outside the stack is its owner's to open (README, "SNS subscriptions").
     */
    @Import(name = "endpoint", required = true)
    private Output<String> endpoint;

    /** SNS filter policy (JSON) on message attributes, e.g. {@code {"kind":["error","anomaly"]}}. */
    @Import(name = "filterPolicy")
    private @Nullable String filterPolicy;

    /** Deliver the message body alone (sqs, https). Default false. */
    @Import(name = "rawMessageDelivery")
    private @Nullable Boolean rawMessageDelivery;

    private SubscriptionArgs() {
    }

    public Optional<String> topic() { return Optional.ofNullable(topic); }
    public String protocol() { return protocol; }
    public Output<String> endpoint() { return endpoint; }
    public Optional<String> filterPolicy() { return Optional.ofNullable(filterPolicy); }
    public Optional<Boolean> rawMessageDelivery() { return Optional.ofNullable(rawMessageDelivery); }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final SubscriptionArgs args = new SubscriptionArgs();

        public Builder topic(String v) { args.topic = v; return this; }
        public Builder topic(PatternTopic v) { return topic(ClosedSet.idOf(v)); }
        public Builder protocol(String v) { args.protocol = v; return this; }
        public Builder protocol(SubscriptionProtocol v) { return protocol(ClosedSet.idOf(v)); }
        public Builder endpoint(Output<String> v) { args.endpoint = v; return this; }
        public Builder endpoint(String v) { return endpoint(Output.of(v)); }
        public Builder filterPolicy(@Nullable String v) { args.filterPolicy = v; return this; }
        public Builder rawMessageDelivery(@Nullable Boolean v) { args.rawMessageDelivery = v; return this; }

        public SubscriptionArgs build() { return args; }
    }
}
