package dev.edp.runtime.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.runtime.events.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The seed example events of edp-events ({@code dev/edp/events/examples/}), and variants of them. */
public final class Examples {

    private Examples() {
    }

    /** An example as EventBridge delivers it, e.g. {@code order-created}. */
    public static ObjectNode event(String name) {
        String resource = "dev/edp/events/examples/" + name + ".json";
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + resource + " in edp-events");
            }
            return (ObjectNode) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An example changed by {@code change} (which edits the whole event; its detail is {@code event.with("detail")}). */
    public static ObjectNode variant(String name, Consumer<ObjectNode> change) {
        ObjectNode event = event(name);
        change.accept(event);
        return event;
    }

    /** The detail of an event, to edit. */
    public static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }
}
