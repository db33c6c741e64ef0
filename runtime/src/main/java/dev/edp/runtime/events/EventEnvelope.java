package dev.edp.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * An EventBridge event that matched the schema of its detail-type.
 *
 * @param id         the event id EventBridge gave it (the same on every redelivery of this event)
 * @param source     e.g. {@code orders}
 * @param detailType e.g. {@code Order Created}
 * @param detail     the event's detail, numbers as {@link java.math.BigDecimal}
 */
public record EventEnvelope(Optional<String> id, String source, String detailType, JsonNode detail) {

    /** The detail's {@code schema_version}; absent means 1 (events/README.md). */
    public int schemaVersion() {
        JsonNode version = detail.path("schema_version");
        return version.isTextual() ? Integer.parseInt(version.asText()) : 1;
    }

    /** A required string field of the detail; the schema has already checked it is there. */
    public String text(String field) {
        JsonNode value = detail.path(field);
        if (!value.isTextual()) {
            throw new InvalidEventException("detail." + field + " is missing or not a string");
        }
        return value.asText();
    }

    /** An optional string field of the detail. */
    public Optional<String> optionalText(String field) {
        JsonNode value = detail.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
