package dev.edp.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.ops.OpsException;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.util.Optional;

/**
 * An operator's {@code --pattern}: a JSON object that EventBridge accepts as an event pattern (checked with
 * event-ruler, EventBridge's own matcher), and its combination with a consumer's rule for one replay.
 */
final class ReplayPattern {

    /** The field EventBridge sets on replayed events: the replay's name. */
    static final String REPLAY_NAME = "replay-name";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode pattern;

    private ReplayPattern(ObjectNode pattern) {
        this.pattern = pattern;
    }

    static ReplayPattern parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new OpsException("--pattern: not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new OpsException("--pattern: must be a non-empty JSON object (an EventBridge event pattern), got "
                    + text);
        }
        if (node.has(REPLAY_NAME)) {
            throw new OpsException("--pattern: '" + REPLAY_NAME + "' is set by the replay itself; leave it out");
        }
        try {
            new Machine().addRule("pattern", node.toString());
        } catch (Exception e) {
            throw new OpsException("--pattern: not an EventBridge event pattern: " + e.getMessage());
        }
        return new ReplayPattern((ObjectNode) node);
    }

    /**
     * The pattern of a consumer's replay rule: the consumer's own pattern AND this one AND this replay's name (so
     * live events, which have no replay name, never match it). Empty when no event can match both patterns.
     */
    Optional<String> forReplay(String consumerPattern, String replayName) {
        ObjectNode consumer;
        try {
            consumer = (ObjectNode) JSON.readTree(consumerPattern);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the consumer rule's pattern is not a JSON object: " + consumerPattern, e);
        }
        Optional<ObjectNode> both;
        try {
            both = PatternConjunction.and(consumer, pattern);
        } catch (PatternConjunction.Inexpressible e) {
            throw new OpsException("--pattern: cannot be combined with the consumer's rule " + consumerPattern + ": "
                    + e.getMessage());
        }
        return both.map(p -> {
            p.putArray(REPLAY_NAME).add(replayName);
            return p.toString();
        });
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}
