package dev.edp.runtime.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * An S3 "Object Created" event as EventBridge delivers it (here: the body of an SQS message whose queue is the
 * target of an EventBridge rule). Only what a consumer needs to read exactly the object that was written.
 *
 * @param eventId   the EventBridge event id, used as correlation id
 * @param bucket    the bucket name
 * @param key       the object key, as is (EventBridge does not URL-encode it, unlike S3's own notifications)
 * @param size      the object size in bytes
 * @param etag      the entity tag without quotes
 * @param versionId the version id on a versioned bucket (S3's "null" for unversioned buckets reads as none)
 * @param sequencer S3's ordering of events on one key (hexadecimal), when present
 */
public record S3ObjectCreated(String eventId, String bucket, String key, long size, String etag,
                              Optional<String> versionId, Optional<String> sequencer) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** S3's version id of an object in a bucket without versioning: it names no particular content. */
    private static final String UNVERSIONED = "null";

    /** Parses an EventBridge event; the error names the missing or wrong field. */
    public static S3ObjectCreated parse(String eventJson) {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("event is not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("event is not a JSON object");
        }
        String source = text(event, "source");
        String detailType = text(event, "detail-type");
        if (!"aws.s3".equals(source) || !"Object Created".equals(detailType)) {
            throw new InvalidEventException("expected source aws.s3 and detail-type 'Object Created', got source "
                    + source + " and detail-type '" + detailType + "'");
        }
        JsonNode detail = event.path("detail");
        JsonNode object = detail.path("object");
        JsonNode size = object.path("size");
        if (!size.canConvertToLong()) {
            throw new InvalidEventException("field detail.object.size is missing or not a number");
        }
        // AWS names it "etag"; moto (the emulator in our tests) "eTag": accept both, prefer AWS's.
        String etag = object.hasNonNull("etag") ? text(object, "etag", "detail.object.etag")
                : text(object, "eTag", "detail.object.etag");
        return new S3ObjectCreated(
                text(event, "id"),
                text(detail.path("bucket"), "name", "detail.bucket.name"),
                text(object, "key", "detail.object.key"),
                size.asLong(),
                etag.replace("\"", ""),
                optionalText(object, "version-id").filter(version -> !version.equals(UNVERSIONED)),
                optionalText(object, "sequencer"));
    }

    /** {@code s3://bucket/key}, for messages. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidEventException("field " + path + " is missing or not a string");
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The event is not what the consumer can handle; the message names the field. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }
    }
}
