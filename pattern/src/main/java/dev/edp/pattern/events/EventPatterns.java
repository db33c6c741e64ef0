package dev.edp.pattern.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The EventBridge event patterns the pattern's rules use, built as JSON trees. Public and static so the emulator
 * tests and the local sandbox match events with exactly the patterns that are deployed.
 */
public final class EventPatterns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** S3 reports uploads to EventBridge with this source and detail-type, and only ever to the default bus. */
    public static final String S3_SOURCE = "aws.s3";
    public static final String OBJECT_CREATED = "Object Created";

    private EventPatterns() {
    }

    /**
     * "Object Created" events of one bucket whose key ends with one of {@code suffixes}. Used twice: on the default
     * bus, to forward the bucket's uploads to the custom bus (S3 cannot deliver anywhere else, the cause of seed
     * 001's failure), and on the custom bus, to route them to the file source's consumers.
     */
    public static String objectCreated(String bucketName, List<String> suffixes) {
        return objectCreated(bucketName, java.util.Optional.empty(), suffixes);
    }

    /**
     * As {@link #objectCreated(String, List)}, keys also starting with {@code prefix}. With both, each suffix is
     * matched under the prefix: EventBridge ORs the filters of one field, so "prefix AND suffix" is written as a
     * wildcard {@code <prefix>*<suffix>}.
     */
    public static String objectCreated(String bucketName, java.util.Optional<String> prefix, List<String> suffixes) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(S3_SOURCE);
        pattern.putArray("detail-type").add(OBJECT_CREATED);
        ObjectNode detail = pattern.putObject("detail");
        detail.putObject("bucket").putArray("name").add(bucketName);
        if (prefix.isEmpty() && suffixes.isEmpty()) {
            return pattern.toString();
        }
        ArrayNode key = detail.putObject("object").putArray("key");
        if (prefix.isEmpty()) {
            suffixes.forEach(suffix -> key.addObject().put("suffix", suffix));
        } else if (suffixes.isEmpty()) {
            key.addObject().put("prefix", prefix.get());
        } else {
            suffixes.forEach(suffix -> key.addObject().put("wildcard", escape(prefix.get()) + "*" + escape(suffix)));
        }
        return pattern.toString();
    }

    /** Wildcard patterns treat {@code *} and {@code \} specially. */
    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("*", "\\*");
    }

    /** Events of one source with any of the given detail-types. */
    public static String sourceAndTypes(String source, List<String> detailTypes) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(source);
        ArrayNode types = pattern.putArray("detail-type");
        detailTypes.forEach(types::add);
        return pattern.toString();
    }

    /**
     * Every event on the bus. EventBridge rejects an empty pattern; a prefix of "" on {@code source} matches any
     * event, since every event has a source.
     */
    public static String everything() {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").addObject().put("prefix", "");
        return pattern.toString();
    }
}
