package dev.edp.pattern.inputs;

import java.util.Locale;

/** How SNS delivers to a subscription's endpoint (SNS {@code Subscribe}'s protocols the pattern supports). */
public enum SubscriptionProtocol implements ClosedSet {
    /** An email address; the recipient confirms the subscription. */
    EMAIL,
    /** An SQS queue's ARN, or {@code consumer:<name>} for a queue consumer of this pattern. */
    SQS,
    /** A Lambda function's ARN, or {@code consumer:<name>} for a consumer with a function. */
    LAMBDA,
    /** An {@code https://} URL; the endpoint confirms the subscription. */
    HTTPS,
    /** A Firehose delivery stream's ARN. */
    FIREHOSE;

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
