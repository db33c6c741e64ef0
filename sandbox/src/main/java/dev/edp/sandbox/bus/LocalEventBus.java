package dev.edp.sandbox.bus;

import dev.edp.sandbox.deploy.Deployment;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.emulator.EmulatorClients;
import dev.edp.sandbox.bus.GraphRules;
import dev.edp.testing.GraphResource;
import dev.edp.testing.ResourceGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge's delivery for the stack's custom buses, played by the sandbox: each event put on such a bus (seen by
 * {@link PutEventsTap} or forwarded from the default bus, seen by {@link ForwardedEvents}) is matched against the
 * bus's rules with event-ruler, EventBridge's own matcher, on the rules' real patterns ({@link GraphRules}), and
 * sent to each matching rule's targets: SQS queues, the state machine (moto runs it), the audit stream (moto's
 * Firehose writes to the audit bucket), SNS topics, and functions (Lambda's asynchronous invocation,
 * {@link AsyncInvocations}). A delivery that still fails after the target's retries goes to the target's
 * dead-letter queue with EventBridge's attributes, as on AWS.
 */
public final class LocalEventBus implements AutoCloseable {

    static final String BUS = "aws:cloudwatch/eventBus:EventBus";
    static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    static final String RULE = "aws:cloudwatch/eventRule:EventRule";

    /** Told what happens to each event, for the trace and the loss accounting. */
    public interface Listener {
        /** The event reached the bus ({@code via}: how) and matched these rules (logical names). */
        void received(String bus, BusEvent event, String via, List<String> rules);

        /** A target took the event; {@code answer} is its message id, execution ARN or record id. */
        void delivered(BusTarget target, BusEvent event, String answer);

        /** A target refused it after its retries; {@code deadLetterId} is the DLQ message id, or null if it had none. */
        void failed(BusTarget target, BusEvent event, Throwable error, String deadLetterId);

        /**
         * One attempt of Lambda's asynchronous invocation of a function target ({@link AsyncInvocations}):
         * {@code error} is the function's error (null: it succeeded); {@code last} when no attempt follows;
         * {@code destinationId} the on-failure destination's message id when the retries were exhausted.
         */
        default void invokedAsync(BusTarget target, BusEvent event, int attempt, String error, boolean last,
                                  String destinationId) {
        }
    }

    private final GraphRules rules;
    private final Map<String, String> logicalByBus = new HashMap<>();
    private final Map<String, List<BusTarget>> targetsByRule;
    private final TargetDelivery delivery;
    private final Listener listener;

    private LocalEventBus(GraphRules rules, Map<String, List<BusTarget>> targetsByRule, TargetDelivery delivery,
                          Listener listener) {
        this.rules = rules;
        this.targetsByRule = targetsByRule;
        this.delivery = delivery;
        this.listener = listener;
    }

    /** The custom buses of a deployed graph, their rules and targets. */
    public static LocalEventBus of(ResourceGraph graph, Deployment deployment, EmulatorClients aws, String account,
                                   Listener listener) {
        Map<String, List<BusTarget>> targets = new LinkedHashMap<>();
        for (GraphResource target : graph.ofType(TARGET)) {
            Optional<GraphResource> rule = graph.sourcesOf(target, "rule").stream().findFirst();
            Optional<GraphResource> bus = rule.flatMap(r -> graph.sourcesOf(r, "eventBusName").stream().findFirst());
            if (rule.isEmpty() || bus.isEmpty() || !bus.get().type().equals(BUS)) {
                continue; // a default-bus target: moto delivers it
            }
            String busName = deployment.id(BUS, bus.get().name());
            String ruleName = target.string("rule");
            Map<String, Object> retry = PendingResource.object(target.inputs(), "retryPolicy");
            Integer attempts = PendingResource.whole(retry.get("maximumRetryAttempts"));
            targets.computeIfAbsent(rule.get().name(), r -> new ArrayList<>()).add(new BusTarget(rule.get().name(),
                    ruleName, "arn:aws:events:" + aws.region() + ":" + account + ":rule/" + busName + "/" + ruleName,
                    target.string("arn"),
                    PendingResource.text(PendingResource.object(target.inputs(), "deadLetterConfig").get("arn")),
                    PendingResource.text(PendingResource.object(target.inputs(), "sqsTarget").get("messageGroupId")),
                    attempts == null ? 185 : attempts, target.string("inputPath")));
        }
        AsyncInvocations async = new AsyncInvocations(AsyncInvocations.configs(graph), aws.endpoint(), aws.sqs(),
                aws.sns(), listener);
        LocalEventBus bus = new LocalEventBus(GraphRules.of(graph), targets, new TargetDelivery(aws, async), listener);
        for (GraphResource b : graph.ofType(BUS)) {
            String name = deployment.id(BUS, b.name());
            bus.logicalByBus.put(name, b.name());
            bus.logicalByBus.put("arn:aws:events:" + aws.region() + ":" + account + ":event-bus/" + name, b.name());
        }
        return bus;
    }

    /** Whether events put on this bus (name or ARN) are delivered here. */
    public boolean delivers(String busNameOrArn) {
        return busNameOrArn != null && logicalByBus.containsKey(busNameOrArn);
    }

    /** The physical names of the buses delivered here. */
    public List<String> busNames() {
        return logicalByBus.keySet().stream().filter(n -> !n.startsWith("arn:")).sorted().toList();
    }

    /** Delivers one event put on {@code busNameOrArn}; {@code via} says how it got there (for the trace). */
    public void put(String busNameOrArn, BusEvent event, String via) {
        String bus = logicalByBus.get(busNameOrArn);
        if (bus == null) {
            throw new IllegalArgumentException("the sandbox does not deliver bus " + busNameOrArn);
        }
        List<String> matched = rules.matching(bus, event.text());
        listener.received(busNameOrArn.startsWith("arn:") ? busNameOrArn.substring(busNameOrArn.lastIndexOf('/') + 1)
                : busNameOrArn, event, via, matched);
        for (String rule : matched) {
            for (BusTarget target : targetsByRule.getOrDefault(rule, List.of())) {
                deliver(target, event);
            }
        }
    }

    /**
     * Delivers an event of an archive replay on {@code busNameOrArn}: to the matching rules among
     * {@code ruleArns} (the replay's {@code Destination.FilterArns}; every matching rule when empty), as
     * EventBridge's replay does.
     */
    public void putReplayed(String busNameOrArn, BusEvent event, java.util.Set<String> ruleArns, String replayName) {
        String bus = logicalByBus.get(busNameOrArn);
        if (bus == null) {
            throw new IllegalArgumentException("the sandbox does not deliver bus " + busNameOrArn);
        }
        List<String> matched = rules.matching(bus, event.text()).stream()
                .filter(rule -> ruleArns.isEmpty() || targetsByRule.getOrDefault(rule, List.of()).stream()
                        .anyMatch(t -> ruleArns.contains(t.ruleArn())))
                .toList();
        listener.received(busNameOrArn.startsWith("arn:") ? busNameOrArn.substring(busNameOrArn.lastIndexOf('/') + 1)
                : busNameOrArn, event, "replay " + replayName, matched);
        for (String rule : matched) {
            for (BusTarget target : targetsByRule.getOrDefault(rule, List.of())) {
                deliver(target, event);
            }
        }
    }

    private void deliver(BusTarget target, BusEvent event) {
        RuntimeException last = null;
        // EventBridge retries with back-off for up to 24 hours; here a few quick attempts show the same outcome.
        int attempts = Math.min(3, target.retryAttempts() + 1);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                listener.delivered(target, event, delivery.deliver(target, event));
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        String deadLetterId = null;
        if (target.deadLetterArn() != null) {
            deadLetterId = delivery.deadLetter(target, event.text(), last);
        }
        listener.failed(target, event, last, deadLetterId);
    }

    /** Stops the asynchronous invocations still running. */
    @Override
    public void close() {
        delivery.close();
    }
}
