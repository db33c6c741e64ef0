package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.sandbox.emulator.LambdaGateway;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Watches the sandbox endpoint ({@link LambdaGateway}) for successful {@code PutEvents} calls and hands each entry put on a custom bus to the
 * {@link LocalEventBus}, as the event its targets receive: moto's event id, the entry's source, detail-type,
 * resources and detail, the account, the region and the time (the entry's, else now). Whoever calls PutEvents (a
 * scenario, a handler, the workflow's PublishResult state, {@code aws events put-events}) goes through here.
 */
public final class PutEventsTap implements LambdaGateway.ExchangeListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AWSEvents.PutEvents";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final LocalEventBus bus;
    private final String account;
    private final String region;

    public PutEventsTap(LocalEventBus bus, String account, String region) {
        this.bus = bus;
        this.account = account;
        this.region = region;
    }

    @Override
    public void forwarded(LambdaGateway.Exchange exchange) {
        if (!TARGET.equals(exchange.requestHeader("X-Amz-Target")) || exchange.status() != 200) {
            return;
        }
        try {
            JsonNode entries = JSON.readTree(exchange.requestBody()).path("Entries");
            JsonNode results = JSON.readTree(exchange.responseBody()).path("Entries");
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                String busName = entry.path("EventBusName").asText("default");
                String id = results.path(i).path("EventId").asText(null);
                if (id != null && bus.delivers(busName)) {
                    bus.put(busName, BusEvent.of(envelope(entry, id)), "PutEvents");
                }
            }
        } catch (IOException e) {
            System.err.println("edp local: unreadable PutEvents exchange, not delivered on the bus: " + e.getMessage());
        }
    }

    private ObjectNode envelope(JsonNode entry, String id) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", entry.path("DetailType").asText());
        event.put("source", entry.path("Source").asText());
        event.put("account", account);
        JsonNode time = entry.path("Time");
        Instant at = time.isNumber() ? Instant.ofEpochMilli((long) (time.asDouble() * 1000))
                : time.isTextual() ? Instant.parse(time.asText()) : Instant.now();
        event.put("time", TIME.format(at.truncatedTo(ChronoUnit.SECONDS)));
        event.put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.path("Resources").forEach(resources::add);
        event.set("detail", JSON.readTree(entry.path("Detail").asText("{}")));
        return event;
    }
}
