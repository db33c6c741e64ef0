package dev.edp.sandbox.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The program's EventBridge Scheduler schedules. moto keeps no clock that would run them, and a local run lasts
 * minutes, not the schedule's hour: so the sandbox keeps no rate or cron, and instead fires a schedule on request
 * ({@code ./edp local --once} fires each once), doing what Scheduler does at each time: for a schedule whose
 * target is a bus it puts the event its {@code EventBridgeParameters} describe ({@code source},
 * {@code detail-type}, the target's {@code Input} as the detail) on that bus, where the bus's rules deliver it.
 * Schedules with other targets (a function, a queue) are refused with that reason, rather than pretended.
 */
public final class ScheduledEvents {

    static final String SCHEDULE = "aws:scheduler/schedule:Schedule";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One schedule as the graph declares it (physical name, expression, target). */
    public record Schedule(String name, String expression, String targetArn, String source, String detailType,
                           String input) {
        /** Whether the sandbox can fire it: a bus target with EventBridge parameters. */
        public boolean onBus() {
            return targetArn != null && targetArn.contains(":event-bus/") && detailType != null;
        }
    }

    private final List<Schedule> schedules;
    private final LocalEventBus bus;
    private final String region;
    private final String account;

    ScheduledEvents(List<Schedule> schedules, LocalEventBus bus, String region, String account) {
        this.schedules = List.copyOf(schedules);
        this.bus = bus;
        this.region = region;
        this.account = account;
    }

    public static ScheduledEvents of(ResourceGraph graph, LocalEventBus bus, String region, String account) {
        List<Schedule> schedules = new ArrayList<>();
        for (GraphResource s : graph.ofType(SCHEDULE)) {
            Map<String, Object> target = PendingResource.object(s.inputs(), "target");
            Map<String, Object> parameters = PendingResource.object(target, "eventbridgeParameters");
            schedules.add(new Schedule(s.string("name") != null ? s.string("name") : s.name(),
                    s.string("scheduleExpression"), PendingResource.text(target.get("arn")),
                    PendingResource.text(parameters.get("source")), PendingResource.text(parameters.get("detailType")),
                    PendingResource.text(target.get("input"))));
        }
        return new ScheduledEvents(schedules, bus, region, account);
    }

    public List<Schedule> all() {
        return schedules;
    }

    /**
     * Does what Scheduler does at one of the schedule's times; returns the id of the event it put on the bus.
     *
     * @throws UnsupportedOperationException for a target the sandbox does not fire (anything but a bus)
     */
    public String fire(Schedule schedule) {
        if (!schedule.onBus()) {
            throw new UnsupportedOperationException("schedule " + schedule.name() + ": the sandbox fires only"
                    + " schedules that put events on a bus, not ones targeting " + schedule.targetArn());
        }
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", schedule.detailType()).put("source", schedule.source()).put("account", account)
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("region", region);
        event.putArray("resources").add("arn:aws:scheduler:" + region + ":" + account + ":schedule/default/"
                + schedule.name());
        event.set("detail", detail(schedule.input()));
        BusEvent put = BusEvent.of(event);
        bus.put(schedule.targetArn(), put, "schedule " + schedule.name());
        return put.id();
    }

    private static JsonNode detail(String input) {
        if (input == null || input.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(input);
        } catch (IOException e) {
            throw new IllegalArgumentException("a schedule's Input must be the event's detail as JSON: " + e.getMessage(), e);
        }
    }
}
