package dev.edp.cli.dlq;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A dead-lettered message as an inspection saw it.
 *
 * @param receivesBefore SQS's {@code ApproximateReceiveCount} before this inspection's own receive: the source
 *                       queue's deliveries, plus any earlier inspections
 */
public record PeekedMessage(String messageId, Instant sentAt, int receivesBefore, String body,
                            Map<String, MessageAttributeValue> attributes, Optional<String> messageGroupId,
                            String receiptHandle) {

    static PeekedMessage of(Message message) {
        Map<MessageSystemAttributeName, String> system = message.attributes();
        String sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String received = system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new PeekedMessage(message.messageId(),
                sent == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(sent)),
                received == null ? 0 : Math.max(0, Integer.parseInt(received) - 1),
                message.body(), message.messageAttributes(),
                Optional.ofNullable(system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID)),
                message.receiptHandle());
    }

    /** A string message attribute, if present. */
    public Optional<String> attribute(String name) {
        MessageAttributeValue value = attributes.get(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.stringValue());
    }
}
