package dev.edp.runtime.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;

/** Publishes {@link Notification}s to the pattern's notifications topic. */
public final class Notifier {

    /** SNS rejects subjects longer than this. */
    static final int MAX_SUBJECT = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final String topicArn;
    private final String environment;

    public Notifier(SnsClient sns, String topicArn, String environment) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.environment = environment;
    }

    /** Publishes and returns the SNS message id. */
    public String publish(Notification notification) {
        return sns.publish(b -> b
                .topicArn(topicArn)
                .subject(subject(notification.subject()))
                .message(body(notification))
                .messageAttributes(Map.of(
                        "kind", text(notification.kind().attribute()),
                        "source", text(notification.source()),
                        "severity", text(notification.severity().attribute()))))
                .messageId();
    }

    /**
     * Builds what {@link #publish} would send, without sending it: for SnapStart priming (the JSON writer, the SNS
     * request's model classes).
     */
    public void prime(Notification notification) {
        software.amazon.awssdk.services.sns.model.PublishRequest.builder().topicArn(topicArn)
                .subject(subject(notification.subject())).message(body(notification))
                .messageAttributes(Map.of("kind", text(notification.kind().attribute()))).build();
    }

    /** The JSON body: the attributes, the environment, the subject and the details. */
    String body(Notification notification) {
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", notification.kind().attribute());
        body.put("source", notification.source());
        body.put("severity", notification.severity().attribute());
        body.put("environment", environment);
        body.put("subject", notification.subject());
        notification.details().forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("notification details are not serializable: " + notification.details().keySet(), e);
        }
    }

    /** SNS subjects are at most 100 printable ASCII characters, with no line breaks. */
    static String subject(String subject) {
        String printable = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= MAX_SUBJECT ? printable : printable.substring(0, MAX_SUBJECT - 3) + "...";
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
