package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An event on a bus: the EventBridge envelope ({@code version, id, detail-type, source, account, time, region,
 * resources, detail}) as targets receive it.
 */
public record BusEvent(JsonNode json, String text) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static BusEvent parse(String text) {
        try {
            return new BusEvent(JSON.readTree(text), text);
        } catch (IOException e) {
            throw new UncheckedIOException("not an event: " + e.getMessage(), e);
        }
    }

    public static BusEvent of(JsonNode json) {
        return new BusEvent(json, json.toString());
    }

    public String id() {
        return json.path("id").asText();
    }

    public String source() {
        return json.path("source").asText();
    }

    public String detailType() {
        return json.path("detail-type").asText();
    }

    /**
     * What identifies the event across hops: for S3's events {@code s3://bucket/key} (moto gives every S3 event the
     * same id), for any other the event id. The trace and the audit check match events by it.
     */
    public String key() {
        return key(json);
    }

    /** {@link #key()} of any event envelope. */
    public static String key(JsonNode event) {
        if (event.path("source").asText().equals("aws.s3")) {
            JsonNode detail = event.path("detail");
            return "s3://" + detail.path("bucket").path("name").asText() + "/" + detail.path("object").path("key").asText();
        }
        return event.path("id").asText();
    }
}
