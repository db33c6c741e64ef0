package dev.edp.sandbox.bus;

/**
 * One target of a rule on a bus the sandbox delivers, as the graph declares it.
 *
 * @param ruleLogicalName the rule's logical name (what {@link dev.edp.sandbox.bus.GraphRules} matches by)
 * @param ruleName        the rule's physical name
 * @param ruleArn         the rule's ARN (EventBridge names it in a dead-lettered event's attributes)
 * @param arn             where events go
 * @param deadLetterArn   the target's dead-letter queue, or null
 * @param messageGroupId  the message group of a FIFO queue target, or null
 * @param retryAttempts   EventBridge's retry attempts before the dead-letter queue
 * @param inputPath       the part of the event the target receives ({@code InputPath}, e.g. {@code $.detail}), or null
 */
public record BusTarget(String ruleLogicalName, String ruleName, String ruleArn, String arn, String deadLetterArn,
                        String messageGroupId, int retryAttempts, String inputPath) {

    /** The AWS service of the target: {@code sqs}, {@code states}, {@code firehose}, {@code sns}, {@code lambda}, ... */
    public String service() {
        String[] parts = arn.split(":", 4);
        return parts.length > 2 ? parts[2] : "unknown";
    }

    /** The last part of the target's ARN: a queue's, stream's or state machine's name. */
    public String resourceName() {
        String tail = arn.substring(arn.lastIndexOf(':') + 1);
        return tail.substring(tail.lastIndexOf('/') + 1);
    }
}
