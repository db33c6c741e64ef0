package dev.edp.cli.local.run.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edp.cli.local.run.Check;
import dev.edp.cli.local.run.Notifications.Notification;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.ScenarioContext;
import dev.edp.cli.local.run.ScenarioResult;
import dev.edp.reference.RuntimeHandlers;
import dev.edp.reference.SeedConsumers;

import java.util.List;
import java.util.Optional;

/**
 * Seed 003's notification: a "Notification Sent" event put on the bus, routed by the notification-processor rule to
 * its queue, processed by the real handler, and published once on the notifications topic with its subject.
 */
public final class NotificationsScenario implements Scenario {

    static final String NOTE = "NOTE-LOCAL-1";
    static final String SUBJECT = "Order ORD-LOCAL-1 shipped";

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public String description() {
        return "a notification sent to subscribers (seed 003)";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        return context.missingHandlers(List.of(RuntimeHandlers.NOTIFICATION_PROCESSOR));
    }

    @Override
    public ScenarioResult run(ScenarioContext context) {
        DomainProbe probe = new DomainProbe(context);
        String consumer = SeedConsumers.NOTIFICATION_PROCESSOR;
        context.trace().note("notification " + NOTE + ": \"" + SUBJECT + "\"");
        ObjectNode detail = DomainProbe.detail().put("notification_id", NOTE).put("subject", SUBJECT)
                .put("message", "Your order ORD-LOCAL-1 is on its way.").put("severity", "info");
        String id = probe.put("notifications", "Notification Sent", detail);
        boolean processed = probe.processed(id, consumer);
        Optional<Notification> published = context.notifications().await(n -> SUBJECT.equals(n.subject()),
                context.timeout());
        published.ifPresent(n -> context.trace().hop(id, n.publishedAt(), "SNS notifications: " + n.kind()));
        return ScenarioResult.ran(name(), List.of(
                Check.of("notification-processor processed the event", processed, processed ? "ok" : "not processed"),
                Check.of("the notification is on the topic with its subject", published.isPresent(),
                        published.map(n -> "kind " + n.kind() + ", subject \"" + n.subject() + "\"").orElse("missing")),
                Check.of("nothing in the notification-processor DLQ", probe.notDeadLettered(consumer, List.of(id)),
                        "its DLQ does not hold the event")));
    }
}
