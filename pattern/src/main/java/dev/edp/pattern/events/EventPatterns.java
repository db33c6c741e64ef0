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

    /** The default suffixes of cost-report files. */
    public static final List<String> CUR_SUFFIXES = List.of(".csv", ".csv.gz");

    private EventPatterns() {
    }

    /**
     * "Object Created" events of one bucket whose key ends with one of {@code suffixes}. Used twice: on the default
     * bus, to forward the bucket's uploads to the custom bus (S3 cannot deliver anywhere else, the cause of seed
     * 001's failure), and on the custom bus, to route them to the CUR ingest queue.
     */
    public static String objectCreated(String bucketName, List<String> suffixes) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(S3_SOURCE);
        pattern.putArray("detail-type").add(OBJECT_CREATED);
        ObjectNode detail = pattern.putObject("detail");
        detail.putObject("bucket").putArray("name").add(bucketName);
        ArrayNode key = detail.putObject("object").putArray("key");
        suffixes.forEach(suffix -> key.addObject().put("suffix", suffix));
        return pattern.toString();
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
