package dev.edp.runtime.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edp.runtime.events.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Invokes a workflow task handler as Lambda does: the state as JSON bytes in, the result as JSON bytes out. */
public final class Tasks {

    private Tasks() {
    }

    public static JsonNode invoke(RequestStreamHandler handler, JsonNode state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(state.toString().getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.read(out.toString(StandardCharsets.UTF_8));
    }
}
