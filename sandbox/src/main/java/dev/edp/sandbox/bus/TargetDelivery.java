package dev.edp.sandbox.bus;

import dev.edp.sandbox.emulator.EmulatorClients;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends an event to one target the way EventBridge does: the event itself as the SQS message body, the Firehose
 * record, the SNS message, the state machine execution's input, or a function's asynchronous invocation. Returns what the target answered (a message id,
 * an execution ARN) for the trace.
 */
final class TargetDelivery implements AutoCloseable {

    private final EmulatorClients aws;
    private final AsyncInvocations functions;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    TargetDelivery(EmulatorClients aws, AsyncInvocations functions) {
        this.aws = aws;
        this.functions = functions;
    }

    /** Delivers the event (its {@code InputPath} part, if the target has one); throws what the target's service threw. */
    String deliver(BusTarget target, BusEvent event) {
        String eventId = event.id();
        String eventJson = input(target, event);
        return switch (target.service()) {
            case "sqs" -> aws.sqs().sendMessage(b -> {
                b.queueUrl(queueUrl(target.arn())).messageBody(eventJson);
                if (target.messageGroupId() != null) {
                    b.messageGroupId(target.messageGroupId()).messageDeduplicationId(eventId);
                }
            }).messageId();
            case "states" -> aws.sfn().startExecution(b -> b.stateMachineArn(target.arn()).input(eventJson)
                    .name(UUID.randomUUID().toString())).executionArn();
            case "firehose" -> aws.firehose().putRecord(b -> b.deliveryStreamName(target.resourceName())
                    .record(r -> r.data(SdkBytes.fromString(eventJson, StandardCharsets.UTF_8)))).recordId();
            case "sns" -> aws.sns().publish(b -> b.topicArn(target.arn()).message(eventJson)).messageId();
            case "lambda" -> functions.invoke(target, event, eventJson);
            default -> throw new UnsupportedOperationException("the sandbox does not deliver to " + target.service()
                    + " targets (" + target.arn() + ")");
        };
    }

    /**
     * What the target receives: the event, or the part its {@code InputPath} selects. Only the dotted paths EventBridge
     * documents for InputPath ({@code $}, {@code $.detail}, {@code $.detail.order}) are supported.
     */
    static String input(BusTarget target, BusEvent event) {
        String path = target.inputPath();
        if (path == null || path.equals("$")) {
            return event.text();
        }
        if (!path.startsWith("$.")) {
            throw new IllegalArgumentException("InputPath " + path + " of rule " + target.ruleName()
                    + ": the sandbox supports only dotted paths ($.detail)");
        }
        com.fasterxml.jackson.databind.JsonNode node = event.json();
        for (String field : path.substring(2).split("\\.")) {
            node = node.path(field);
        }
        return node.isMissingNode() ? "null" : node.toString();
    }

    @Override
    public void close() {
        functions.close();
    }

    /**
     * What EventBridge does with an event it could not deliver: the event as the message body of the target's
     * dead-letter queue, with the rule, the target and the error as message attributes.
     */
    String deadLetter(BusTarget target, String eventJson, Throwable error) {
        Map<String, MessageAttributeValue> attributes = Map.of(
                "RULE_ARN", text(target.ruleArn()),
                "TARGET_ARN", text(target.arn()),
                "ERROR_CODE", text(error.getClass().getSimpleName()),
                "ERROR_MESSAGE", text(String.valueOf(error.getMessage())));
        return aws.sqs().sendMessage(b -> b.queueUrl(queueUrl(target.deadLetterArn())).messageBody(eventJson)
                .messageAttributes(attributes)).messageId();
    }

    /** The URL of a queue by ARN ({@code arn:aws:sqs:region:account:name}), asked of the emulator once. */
    String queueUrl(String queueArn) {
        return queueUrls.computeIfAbsent(queueArn, arn -> {
            String[] parts = arn.split(":");
            return aws.sqs().getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
        });
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
