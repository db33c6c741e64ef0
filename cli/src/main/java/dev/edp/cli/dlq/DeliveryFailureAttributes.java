package dev.edp.cli.dlq;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The error EventBridge records on an event it could not deliver to a target: it sends the event to the target's
 * dead-letter queue with message attributes {@code ERROR_CODE}, {@code ERROR_MESSAGE}, {@code RULE_ARN},
 * {@code TARGET_ARN}, {@code EXHAUSTED_RETRY_CONDITION} and {@code RETRY_ATTEMPTS}. A consumer's DLQ holds such
 * events beside the messages its function failed; the events DLQ holds only such events.
 */
final class DeliveryFailureAttributes implements ErrorSource {

    static final String[] NAMES = {"ERROR_CODE", "ERROR_MESSAGE", "RULE_ARN", "TARGET_ARN",
            "EXHAUSTED_RETRY_CONDITION", "RETRY_ATTEMPTS"};

    @Override
    public Optional<RecordedError> find(PeekedMessage message) {
        Optional<String> code = message.attribute("ERROR_CODE");
        Optional<String> text = message.attribute("ERROR_MESSAGE");
        if (code.isEmpty() && text.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (String name : NAMES) {
            message.attribute(name).ifPresent(value -> details.put(name, value));
        }
        StringBuilder summary = new StringBuilder("EventBridge could not deliver the event");
        message.attribute("TARGET_ARN").ifPresent(t -> summary.append(" to ").append(t));
        summary.append(": ").append(code.orElse("?"));
        text.ifPresent(t -> summary.append(": ").append(t));
        message.attribute("RETRY_ATTEMPTS").ifPresent(r -> summary.append(" (after ").append(r).append(" retries)"));
        return Optional.of(new RecordedError("EventBridge delivery attributes", summary.toString(), message.sentAt(),
                details));
    }
}
