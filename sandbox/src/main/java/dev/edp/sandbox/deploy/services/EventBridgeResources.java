package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.bus.ForwardTaps;
import dev.edp.sandbox.deploy.Deployment;
import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.edp.sandbox.deploy.PendingResource.whole;

/**
 * Buses, rules (their real patterns), archives, bus policies, and targets. Which targets are attached in moto:
 *
 * <ul>
 *   <li>on the default bus, SQS and event-bus targets: moto delivers them as EventBridge does. A target that is a
 *       custom bus also gets a {@link ForwardTaps tap}, so the sandbox sees what is forwarded;</li>
 *   <li>on a custom bus, none: the sandbox's {@link dev.edp.sandbox.bus.LocalEventBus} delivers them with
 *       event-ruler on the same patterns. moto fails the whole PutEvents when a rule has a Step Functions,
 *       Firehose, SNS or Lambda target, and sends S3 events to custom-bus rules (AWS never does);</li>
 *   <li>other targets on the default bus are not emulated (S3 puts its events on the default bus inside moto,
 *       where the sandbox cannot deliver them).</li>
 * </ul>
 */
public final class EventBridgeResources implements ResourceCreator {

    static final String BUS = "aws:cloudwatch/eventBus:EventBus";
    static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    static final String ARCHIVE = "aws:cloudwatch/eventArchive:EventArchive";
    static final String BUS_POLICY = "aws:cloudwatch/eventBusPolicy:EventBusPolicy";

    static final String DEFAULT_BUS = "default";
    static final String TAP_TARGET_ID = "edp-local-tap";
    /** The sandbox's rule on each custom bus that receives archive replays. */
    public static final String REPLAY_RULE = "edp-local-replays";

    private final EventBridgeClient events;
    private final ForwardTaps taps;
    private final Deployment deployment;

    public EventBridgeResources(EventBridgeClient events, ForwardTaps taps, Deployment deployment) {
        this.events = events;
        this.taps = taps;
        this.deployment = deployment;
    }

    @Override
    public Set<String> types() {
        return Set.of(BUS, RULE, TARGET, ARCHIVE, BUS_POLICY);
    }

    @Override
    public Placed create(PendingResource r) {
        return switch (r.type()) {
            case BUS -> bus(r);
            case RULE -> rule(r);
            case TARGET -> target(r);
            case ARCHIVE -> archive(r);
            default -> {
                String bus = r.required("eventBusName");
                events.putPermission(b -> b.eventBusName(bus).policy(r.required("policy")));
                yield Placed.onEmulator(bus, "stored; moto does not enforce bus policies");
            }
        };
    }

    private Placed bus(PendingResource r) {
        String name = r.name();
        String arn = events.createEventBus(b -> b.name(name).description(r.string("description")).tags(tags(r)))
                .eventBusArn();
        r.put("name", name);
        r.put("arn", arn);
        replays(name, arn);
        String note = r.string("kmsKeyIdentifier") == null ? null : "encryption with the pattern key not emulated";
        return Placed.onEmulator(name, note);
    }

    /**
     * A rule of the sandbox's on the custom bus, matching only archive replays, into a queue the sandbox reads
     * ({@link dev.edp.sandbox.bus.ReplayedEvents}): moto replays only to targets it holds, and the bus's own rules
     * have none there.
     */
    private void replays(String bus, String busArn) {
        ForwardTaps.Tap tap = taps.forReplays(busArn);
        events.putRule(b -> b.name(REPLAY_RULE).eventBusName(bus).eventPattern("{\"replay-name\":[{\"exists\":true}]}")
                .description("edp local: archive replays on this bus, for the sandbox to deliver"));
        events.putTargets(b -> b.eventBusName(bus).rule(REPLAY_RULE)
                .targets(Target.builder().id(TAP_TARGET_ID).arn(tap.queueArn()).build()));
        deployment.plumbing("rule " + REPLAY_RULE + " on " + bus + " → queue "
                + tap.queueUrl().substring(tap.queueUrl().lastIndexOf('/') + 1),
                "receives the archive replays moto runs on the bus, for the sandbox to deliver to the replay's rules");
    }

    private Placed rule(PendingResource r) {
        String name = r.name();
        String bus = busName(r);
        String arn = events.putRule(b -> b.name(name).eventBusName(bus).eventPattern(r.string("eventPattern"))
                .scheduleExpression(r.string("scheduleExpression")).description(r.string("description"))
                .state(r.string("state") == null ? "ENABLED" : r.string("state")).tags(tags(r))).ruleArn();
        r.put("name", name);
        r.put("arn", arn);
        return Placed.onEmulator(bus + "|" + name);
    }

    private Placed target(PendingResource r) {
        String bus = busName(r);
        String rule = r.required("rule");
        String arn = r.required("arn");
        String service = service(arn);
        String id = r.string("targetId") != null ? r.string("targetId") : r.mockId();
        r.put("targetId", id);
        String resourceId = bus + "-" + rule + "-" + id;
        if (!bus.equals(DEFAULT_BUS)) {
            String why = service.equals("sqs")
                    ? "moto also sends S3 events to custom-bus rules (AWS: default bus only), which would bypass the"
                    + " forwarding rule"
                    : "moto fails the whole PutEvents when a rule has a " + service + " target";
            return Placed.local(resourceId, "delivered by the sandbox's event bus (event-ruler, the rule's pattern): " + why);
        }
        boolean busTarget = service.equals("events") && arn.contains(":event-bus/");
        if (!service.equals("sqs") && !busTarget) {
            return Placed.notEmulated(resourceId, service + " targets on the default bus: moto cannot deliver them, and"
                    + " S3 puts events on the default bus inside moto, out of the sandbox's reach");
        }
        List<Target> targets = new ArrayList<>();
        Target.Builder target = Target.builder().id(id).arn(arn).roleArn(r.string("roleArn"));
        Map<String, Object> deadLetter = r.object("deadLetterConfig");
        if (deadLetter.get("arn") != null) {
            target.deadLetterConfig(d -> d.arn(deadLetter.get("arn").toString()));
        }
        Map<String, Object> retry = r.object("retryPolicy");
        if (!retry.isEmpty()) {
            target.retryPolicy(p -> p.maximumRetryAttempts(whole(retry.get("maximumRetryAttempts")))
                    .maximumEventAgeInSeconds(whole(retry.get("maximumEventAgeInSeconds"))));
        }
        Map<String, Object> sqsTarget = r.object("sqsTarget");
        if (sqsTarget.get("messageGroupId") != null) {
            target.sqsParameters(p -> p.messageGroupId(sqsTarget.get("messageGroupId").toString()));
        }
        targets.add(target.build());
        String note = null;
        if (busTarget) {
            ForwardTaps.Tap tap = taps.forBus(arn);
            targets.add(Target.builder().id(TAP_TARGET_ID).arn(tap.queueArn()).build());
            deployment.plumbing("target " + TAP_TARGET_ID + " on rule " + rule + " → queue " + tap.queueUrl().substring(tap.queueUrl().lastIndexOf('/') + 1),
                    "receives exactly what the rule forwards to " + tap.busName() + ", for the sandbox to deliver there");
            note = "moto forwards to the bus; the sandbox taps what is forwarded";
        }
        var response = events.putTargets(b -> b.eventBusName(bus).rule(rule).targets(targets));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("PutTargets failed: " + response.failedEntries());
        }
        return Placed.onEmulator(resourceId, note);
    }

    private Placed archive(PendingResource r) {
        String name = r.name();
        String arn = events.createArchive(b -> b.archiveName(name).eventSourceArn(r.required("eventSourceArn"))
                .description(r.string("description")).retentionDays(r.integer("retentionDays"))
                .eventPattern(r.string("eventPattern"))).archiveArn();
        r.put("name", name);
        r.put("arn", arn);
        return Placed.onEmulator(name);
    }

    /** The bus of a rule or target: its name, or "default" when the input is absent. */
    private static String busName(PendingResource r) {
        String bus = r.string("eventBusName");
        if (bus == null || bus.isEmpty()) {
            return DEFAULT_BUS;
        }
        return bus.startsWith("arn:") ? bus.substring(bus.indexOf("event-bus/") + "event-bus/".length()) : bus;
    }

    /** The service of an ARN: {@code arn:aws:sqs:...} → {@code sqs}. */
    static String service(String arn) {
        String[] parts = arn.split(":", 4);
        return parts.length > 2 ? parts[2] : "unknown";
    }


    private static List<Tag> tags(PendingResource r) {
        return r.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }
}
