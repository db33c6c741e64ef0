package dev.edp.cli.ops;

import dev.edp.events.StackExports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed stack's outputs, as {@code pulumi stack output --json} prints them (and as the local sandbox writes
 * them): {@code busName}, {@code busArn}, {@code archiveName}, {@code queueUrls} and {@code deadLetterQueueUrls}
 * per consumer, {@code logGroupNames} per consumer, {@code eventsDeadLetterQueueUrl}, {@code tableName}, ...
 * Every accessor names the output and where the outputs came from when one is missing.
 *
 * @param source where the outputs were read, for messages (e.g. {@code pulumi stack output -s dev})
 * @param json   the outputs object
 */
public record StackOutputs(String source, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StackOutputs {
        if (json == null || !json.isObject()) {
            throw new OpsException(source + ": stack outputs must be a JSON object, got "
                    + (json == null ? "nothing" : json.getNodeType().toString().toLowerCase()));
        }
    }

    /** Parses outputs JSON text; errors name {@code source}. */
    public static StackOutputs parse(String source, String text) {
        try {
            return new StackOutputs(source, JSON.readTree(text));
        } catch (IOException e) {
            throw new OpsException(source + ": not JSON: " + e.getMessage(), e);
        }
    }

    /** A string output that must be present and non-empty. */
    public String string(String name) {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new OpsException(source + ": no output '" + name + "' (a string); is this an EDP stack, deployed?");
        }
        return value.asText();
    }

    /** A {name → string} output that must be present. */
    public Map<String, String> map(String name) {
        return optionalMap(name).orElseThrow(() -> new OpsException(source + ": no output '" + name
                + "' (an object of strings); is this an EDP stack, deployed with this version?"));
    }

    /** A {name → string} output, if the stack has it. */
    public Optional<Map<String, String>> optionalMap(String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw new OpsException(source + ": output '" + name + "' must be an object, got " + value);
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return Optional.of(map);
    }

    /** The consumers the stack has, in its order. */
    public List<String> consumers() {
        return new ArrayList<>(map(StackExports.QUEUE_URLS).keySet());
    }

    /**
     * The consumers with a dead-letter queue, in the stack's order: every kind has one (a function consumer's is its
     * on-failure destination, a workflow's its trigger's DLQ), not only those with a queue.
     */
    public List<String> deadLetterConsumers() {
        return optionalMap(StackExports.DEAD_LETTER_QUEUE_URLS).<List<String>>map(m -> new ArrayList<>(m.keySet()))
                .orElseGet(this::consumers);
    }

    /** The consumer named {@code consumer}, checked: the message lists the ones that exist. */
    public String requireConsumer(String consumer) {
        return require(consumer, consumers(), "no such consumer with a queue");
    }

    /** The consumer named {@code consumer} among those with a DLQ, checked. */
    public String requireDeadLetterConsumer(String consumer) {
        return require(consumer, deadLetterConsumers(), "no such consumer");
    }

    private static String require(String consumer, List<String> consumers, String problem) {
        if (!consumers.contains(consumer)) {
            throw new OpsException("--consumer " + consumer + ": the stack has " + problem + "; it has "
                    + String.join(", ", consumers));
        }
        return consumer;
    }

    public String queueUrl(String consumer) {
        return entry(StackExports.QUEUE_URLS, requireConsumer(consumer));
    }

    public String deadLetterQueueUrl(String consumer) {
        return entry(StackExports.DEAD_LETTER_QUEUE_URLS, requireDeadLetterConsumer(consumer));
    }

    /** The log group of the consumer's function, if the stack exports it (stacks before logGroupNames do not). */
    public Optional<String> logGroupName(String consumer) {
        return optionalMap(StackExports.LOG_GROUP_NAMES).map(groups -> groups.get(consumer)).filter(g -> !g.isEmpty());
    }

    private String entry(String output, String consumer) {
        String value = map(output).get(consumer);
        if (value == null || value.isEmpty()) {
            throw new OpsException(source + ": output '" + output + "' has no entry for consumer " + consumer);
        }
        return value;
    }
}
