package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Archive replays on the custom buses the sandbox delivers. moto keeps the archive (it archives what is put on the
 * bus) and runs {@code StartReplay}, but sends the replayed events only to targets it holds, and the custom buses'
 * rules have none there (the sandbox delivers them, {@link LocalEventBus}). So each custom bus gets one rule of the
 * sandbox's on moto, matching only replayed events ({@code replay-name} exists), whose target is a queue of the
 * sandbox's ({@link ForwardTaps#forReplays}); this reads it and delivers each event as EventBridge's replay does:
 * only events from the replay's window ({@code EventStartTime} ≤ time &lt; {@code EventEndTime}; moto replays the
 * whole archive) and only to the replay's rules ({@code Destination.FilterArns}; moto sends to every rule).
 */
public final class ReplayedEvents implements AutoCloseable {

    private final EventBridgeClient events;
    private final LocalEventBus bus;
    private final TapPoller poller;
    private final Map<String, DescribeReplayResponse> replays = new ConcurrentHashMap<>();

    public ReplayedEvents(SqsClient sqs, EventBridgeClient events, LocalEventBus bus) {
        this.events = events;
        this.bus = bus;
        this.poller = new TapPoller(sqs, "replayed", this::deliver);
    }

    public void start(ForwardTaps taps) {
        poller.start(taps.replayTaps().values());
    }

    private void deliver(ForwardTaps.Tap tap, BusEvent event) {
        String name = event.json().path("replay-name").asText("");
        if (name.isEmpty()) {
            return;
        }
        DescribeReplayResponse replay = replays.computeIfAbsent(name, n -> events.describeReplay(b -> b.replayName(n)));
        Instant time = time(event.json().path("time"));
        if (time != null && (time.isBefore(replay.eventStartTime()) || !time.isBefore(replay.eventEndTime()))) {
            return;
        }
        Set<String> ruleArns = replay.destination() == null || !replay.destination().hasFilterArns() ? Set.of()
                : Set.copyOf(replay.destination().filterArns());
        bus.putReplayed(tap.busArn(), event, ruleArns, name);
    }

    /** An event's time: moto archives epoch seconds, EventBridge's envelope has ISO-8601. */
    static Instant time(JsonNode time) {
        if (time.isNumber()) {
            return Instant.ofEpochMilli((long) (time.asDouble() * 1000));
        }
        if (time.isTextual()) {
            try {
                return Instant.parse(time.asText());
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public void close() {
        poller.close();
    }
}
