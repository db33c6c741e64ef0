package dev.edp.reference;

import dev.edp.pattern.events.EventPatterns;
import dev.edp.pattern.inputs.SchemaArgs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON Schemas (Draft 4) of the seed events (module {@code edp-events}), registered in the bus's schema registry
 * through the pattern's {@code bus.schemas} like any user's own. Each describes the whole
 * EventBridge envelope with its {@code detail}; details carry an optional {@code schema_version} and allow extra
 * fields, so a newer producer never breaks an older consumer.
 */
public final class SeedSchemas {

    /** A registered event type: its source, detail-type and schema file. */
    public record EventType(String source, String detailType, String resource) {

        /** The schema's name in the registry, in EventBridge's discovered-schema style {@code source@DetailType}. */
        public String schemaName() {
            return source + "@" + detailType.replace(" ", "");
        }

        /** The schema document. */
        public String content() {
            try (InputStream in = SeedSchemas.class.getResourceAsStream("/dev/edp/events/schemas/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing from the jar: " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Map<String, EventType> BY_DETAIL_TYPE = new LinkedHashMap<>();

    static {
        add("orders", "Order Created", "order-created.json");
        add("orders", "Order Completed", "order-completed.json");
        add("inventory", "Inventory Updated", "inventory-updated.json");
        add("notifications", "Notification Sent", "notification-sent.json");
        add("workflow", "Workflow Triggered", "workflow-triggered.json");
        add("workflow", "Approval Decided", "approval-decided.json");
        add("workflow", "Workflow Completed", "workflow-completed.json");
        add(EventPatterns.S3_SOURCE, EventPatterns.OBJECT_CREATED, "object-created.json");
    }

    /** The detail-types with a schema, in registration order. */
    public static final List<String> DETAIL_TYPES = List.copyOf(BY_DETAIL_TYPE.keySet());

    private SeedSchemas() {
    }

    private static void add(String source, String detailType, String resource) {
        BY_DETAIL_TYPE.put(detailType, new EventType(source, detailType, resource));
    }

    /** The seed schemas as the pattern's input, in registration order. */
    public static List<SchemaArgs> schemas() {
        return BY_DETAIL_TYPE.values().stream()
                .map(t -> SchemaArgs.builder()
                        .name(t.schemaName())
                        .description(t.detailType() + " events (source " + t.source() + ")")
                        .content(t.content())
                        .build())
                .toList();
    }

    public static Optional<EventType> byDetailType(String detailType) {
        return Optional.ofNullable(BY_DETAIL_TYPE.get(detailType));
    }
}
