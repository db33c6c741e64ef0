package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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

    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final LocalEventBus bus;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, DescribeReplayResponse> replays = new ConcurrentHashMap<>();

    public ReplayedEvents(SqsClient sqs, EventBridgeClient events, LocalEventBus bus) {
        this.sqs = sqs;
        this.events = events;
        this.bus = bus;
    }

    public void start(ForwardTaps taps) {
        running.set(true);
        for (ForwardTaps.Tap tap : taps.replayTaps().values()) {
            Thread thread = new Thread(() -> poll(tap), "replayed-" + tap.busName());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void poll(ForwardTaps.Tap tap) {
        while (running.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(tap.queueUrl()).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                for (Message message : messages) {
                    deliver(tap, BusEvent.parse(message.body()));
                    sqs.deleteMessage(b -> b.queueUrl(tap.queueUrl()).receiptHandle(message.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    System.err.println("edp local: reading replayed events failed, retrying: " + e.getMessage());
                    pause();
                }
            }
        }
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

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
