package dev.edp.runtime.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of edp-events ({@code dev/edp/events/schemas/<detail-type in kebab case>.json}), one per
 * detail-type, each describing the whole EventBridge envelope. A schema is loaded and compiled the first time its
 * detail-type is seen, then kept for the life of the execution environment.
 *
 * <p>Versioning (events/README.md): schemas allow extra fields and a later {@code schema_version} only adds fields,
 * so a v2 event validates against the v1 schema a handler was built with.
 */
public final class EventSchemas {

    static final String LOCATION = "dev/edp/events/schemas/";
    static final String EXAMPLES = "dev/edp/events/examples/";
    /** Enough errors to say what is wrong; a hopeless event would otherwise list every field. */
    static final int MAX_REPORTED = 5;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final Map<String, Schema> byDetailType = new ConcurrentHashMap<>();
    private final ClassLoader classLoader;

    public EventSchemas(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** The schemas on the class path of the runtime jar. */
    public static EventSchemas fromClasspath() {
        return new EventSchemas(EventSchemas.class.getClassLoader());
    }

    /** Parses an event (an SQS body, a workflow's input) and validates it against its detail-type's schema. */
    public EventEnvelope parse(String eventJson) {
        return validate(Json.read(eventJson));
    }

    /** Validates a parsed event against its detail-type's schema. */
    public EventEnvelope validate(JsonNode event) {
        if (!event.isObject()) {
            throw new InvalidEventException("event is not a JSON object");
        }
        JsonNode detailType = event.path("detail-type");
        if (!detailType.isTextual()) {
            throw new InvalidEventException("detail-type is missing or not a string");
        }
        List<Error> errors = schema(detailType.asText()).validate(event);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("'" + detailType.asText() + "' event does not match "
                    + fileName(detailType.asText()) + ": " + describe(errors));
        }
        JsonNode id = event.path("id");
        return new EventEnvelope(id.isTextual() && !id.asText().isEmpty() ? Optional.of(id.asText()) : Optional.empty(),
                event.path("source").asText(), detailType.asText(), event.path("detail"));
    }

    /**
     * The seed example of a detail-type ({@code dev/edp/events/examples/<detail-type in kebab case>.json} in
     * edp-events), validated like any event: what SnapStart priming feeds a handler's parsers. Empty when there is
     * none.
     */
    public Optional<EventEnvelope> example(String detailType) {
        return exampleJson(detailType).map(this::validate);
    }

    /** The seed example of a detail-type as JSON, not validated (a workflow task's input is the whole event). */
    public Optional<JsonNode> exampleJson(String detailType) {
        try (InputStream in = classLoader.getResourceAsStream(EXAMPLES + fileName(detailType))) {
            return in == null ? Optional.empty() : Optional.of(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("example " + EXAMPLES + fileName(detailType) + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** {@code Order Created} → {@code order-created.json}. */
    static String fileName(String detailType) {
        return detailType.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".json";
    }

    private Schema schema(String detailType) {
        return byDetailType.computeIfAbsent(detailType, this::load);
    }

    private Schema load(String detailType) {
        String resource = LOCATION + fileName(detailType);
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidEventException("no schema for detail-type '" + detailType + "' (looked for "
                        + resource + " in edp-events)");
            }
            return registry.getSchema(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("schema " + resource + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** {@code detail.items[0].quantity: must have a minimum value of 1; ...}: field first, then what is wrong. */
    private static String describe(List<Error> errors) {
        String listed = errors.stream().limit(MAX_REPORTED).map(EventSchemas::describe).collect(Collectors.joining("; "));
        return errors.size() > MAX_REPORTED ? listed + "; and " + (errors.size() - MAX_REPORTED) + " more" : listed;
    }

    private static String describe(Error error) {
        String location = dotted(error.getInstanceLocation());
        String field = "required".equals(error.getKeyword()) && error.getProperty() != null
                ? (location.isEmpty() ? "" : location + ".") + error.getProperty()
                : location;
        // The library's message starts with the location in its own notation; keep only what is wrong.
        String message = error.getMessage();
        String prefix = error.getInstanceLocation() + ": ";
        String what = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return (field.isEmpty() ? "event" : field) + ": " + what;
    }

    /** {@code detail.items[0].quantity}: how the runtime's error messages and the README name fields. */
    static String dotted(NodePath path) {
        StringBuilder dotted = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                dotted.append('[').append(index).append(']');
            } else {
                dotted.append(dotted.length() == 0 ? "" : ".").append(element);
            }
        }
        return dotted.toString();
    }
}
