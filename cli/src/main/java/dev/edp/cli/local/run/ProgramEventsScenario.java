package dev.edp.cli.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.events.FunctionEnvironment;
import dev.edp.events.QueueDefaults;
import dev.edp.events.StackExports;
import dev.edp.sandbox.bus.ScheduledEvents;
import dev.edp.sandbox.functions.EventSourceMappings;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scenario of a program that is not this repository's stack: its own example events (a directory of
 * {@code *.json} files or one file holding an array), sent one by one, each of them either
 * <ul>
 *   <li>an EventBridge event ({@code source}, {@code detail-type}, {@code detail}, as the seeds' examples are),
 *       put on the program's bus, or</li>
 *   <li>an upload, {@code {"upload": {"bucket": ..., "key": ..., "body": ...}}}, put into that bucket (the program's
 *       own, or the sandbox's stand-in for an existing one), whose S3 event reaches the bus through the program's
 *       file source.</li>
 * </ul>
 * Each must reach at least one consumer (a queue, a function, a state machine) and be settled at every consumer it
 * reached, within the timeout: a queue's function processed it or it went to the DLQ after maxReceiveCount; a
 * function invoked asynchronously succeeded or its retries ran out (then its on-failure destination has it); a state
 * machine's execution ended. Then each of the program's schedules is fired once (the sandbox fires schedules on
 * request, see {@link ScheduledEvents}) and its event must be delivered by the bus. The run's other checks (every
 * consumer reached, nothing lost) apply as to any stack.
 */
public final class ProgramEventsScenario implements Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One example: an event to put on the bus, or an object to upload. */
    sealed interface Example permits Event, Upload {
    }

    record Event(JsonNode event) implements Example {
    }

    record Upload(String bucket, String key, String body) implements Example {
    }

    private final Path events;

    public ProgramEventsScenario(Path events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String description() {
        return "the program's own example events (" + events + "), each to its consumers, end to end; its schedules"
                + " fired once";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        return Files.exists(events) ? Optional.empty()
                : Optional.of("no example events at " + events + " (give them with --events)");
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        List<Check> checks = new ArrayList<>();
        for (Example example : read(events)) {
            String key;
            String label;
            if (example instanceof Upload u) {
                context.aws().s3().putObject(b -> b.bucket(u.bucket()).key(u.key()), RequestBody.fromString(u.body()));
                key = "s3://" + u.bucket() + "/" + u.key();
                label = "upload " + key;
                context.trace().start(key, "S3 upload " + key, Instant.now());
            } else {
                JsonNode event = ((Event) example).event();
                String type = event.path("detail-type").asText();
                key = context.aws().events().putEvents(b -> b.entries(e -> e.eventBusName(
                                context.export(StackExports.BUS_NAME)).source(event.path("source").asText())
                        .detailType(type).detail(event.path("detail").toString()))).entries().get(0).eventId();
                label = "\"" + type + "\"";
                context.trace().start(key, "event \"" + type + "\" from " + event.path("source").asText(), Instant.now());
            }
            awaitSettled(context, key);
            checks.add(Check.of(label + " reached a consumer and was settled", settled(context, key),
                    outcome(context, key)));
        }
        for (ScheduledEvents.Schedule schedule : context.sandbox().schedules().all()) {
            checks.add(fire(context, schedule));
        }
        return ScenarioResult.ran(name(), checks);
    }

    /** Fires the schedule once: its event must reach the bus and be delivered to every matching rule's targets. */
    private static Check fire(ScenarioContext context, ScheduledEvents.Schedule schedule) throws InterruptedException {
        String name = "schedule " + schedule.name() + " (" + schedule.expression() + ") fired once: its event"
                + " delivered by the bus";
        String id;
        try {
            id = context.sandbox().schedules().fire(schedule);
        } catch (RuntimeException e) {
            return Check.of(name, false, e.getMessage());
        }
        long deadline = System.nanoTime() + context.timeout().toNanos();
        while (context.ledger().deliveries(id).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> targets = context.ledger().deliveries(id).stream()
                .map(d -> d.service() + " " + d.target()).distinct().toList();
        boolean failed = context.ledger().failures().stream().anyMatch(f -> f.key().equals(id));
        return Check.of(name, !targets.isEmpty() && !failed, "\"" + schedule.detailType() + "\" from "
                + schedule.source() + " → " + (targets.isEmpty() ? "no target" : String.join(", ", targets)));
    }

    private static void awaitSettled(ScenarioContext context, String key) throws InterruptedException {
        long deadline = System.nanoTime() + context.timeout().toNanos();
        while (!settled(context, key) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Every rule it matched has delivered it; it reached a consumer, and is settled at each consumer it reached. */
    static boolean settled(ScenarioContext context, String key) {
        List<DeliveryLedger.Delivery> consumers = consumerDeliveries(context, key);
        return context.ledger().rulesPending(key).isEmpty() && !consumers.isEmpty()
                && consumers.stream().allMatch(d -> settledAt(context, key, d));
    }

    private static List<DeliveryLedger.Delivery> consumerDeliveries(ScenarioContext context, String key) {
        return context.ledger().deliveries(key).stream()
                .filter(d -> List.of("sqs", "lambda", "states").contains(d.service())).toList();
    }

    private static boolean settledAt(ScenarioContext context, String key, DeliveryLedger.Delivery delivery) {
        return switch (delivery.service()) {
            case "sqs" -> queueSettled(context, key, delivery.target());
            case "lambda" -> context.ledger().isAsyncSettled(key, delivery.rule());
            case "states" -> context.aws().sfn().describeExecution(b -> b.executionArn(delivery.answer())).status()
                    != ExecutionStatus.RUNNING;
            default -> true;
        };
    }

    /** The queue's function's last attempt for the event succeeded, or it was received maxReceiveCount times. */
    private static boolean queueSettled(ScenarioContext context, String key, String queue) {
        Optional<EventSourceMappings.Mapping> mapping = context.sandbox().mappings().mappings().stream()
                .filter(m -> m.queueName().equals(queue)).findFirst();
        if (mapping.isEmpty()) {
            return true; // a queue no function reads (a subscriber's): delivered is all the program asks
        }
        String function = mapping.get().function().displayName();
        List<DeliveryLedger.Attempt> attempts = context.ledger().attempts(key).stream()
                .filter(a -> a.function().equals(function)).toList();
        if (attempts.isEmpty()) {
            return false;
        }
        DeliveryLedger.Attempt last = attempts.get(attempts.size() - 1);
        int maxReceives = Integer.parseInt(mapping.get().function().environment().getOrDefault(
                FunctionEnvironment.MAX_RECEIVE_COUNT, String.valueOf(QueueDefaults.MAX_RECEIVE_COUNT)));
        return last.ok() || last.receiveCount() >= maxReceives;
    }

    /** What happened at each consumer, for the check's detail. */
    private static String outcome(ScenarioContext context, String key) {
        List<DeliveryLedger.Delivery> consumers = consumerDeliveries(context, key);
        if (consumers.isEmpty()) {
            return "reached no consumer" + (context.ledger().deliveries(key).isEmpty() ? "" : " (only "
                    + context.ledger().deliveries(key).stream().map(d -> d.service() + " " + d.target()).toList() + ")");
        }
        List<DeliveryLedger.Attempt> attempts = context.ledger().attempts(key);
        long failed = context.ledger().failures().stream().filter(f -> f.key().equals(key)).count();
        return consumers.stream().map(d -> d.service() + " " + d.target()).distinct().toList() + ", "
                + attempts.size() + " invocation(s), " + attempts.stream().filter(DeliveryLedger.Attempt::ok).count()
                + " ok" + (failed == 0 ? "" : ", " + failed + " to a dead-letter queue");
    }

    /** The examples: each {@code *.json} of a directory (sorted), or a file holding one or an array of them. */
    static List<Example> read(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                list.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<Example> examples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            JsonNode node;
            try {
                node = JSON.readTree(file.toFile());
            } catch (IOException e) {
                problems.add(file + ": not JSON: " + e.getMessage());
                continue;
            }
            int index = 0;
            for (JsonNode example : node.isArray() ? node : JSON.createArrayNode().add(node)) {
                String at = file + (node.isArray() ? "[" + index + "]" : "");
                index++;
                if (example.has("upload")) {
                    JsonNode u = example.path("upload");
                    List<String> missing = Stream.of("bucket", "key").filter(f -> !u.path(f).isTextual()).toList();
                    if (!missing.isEmpty()) {
                        problems.add(at + ": an upload without " + String.join(", ", missing));
                        continue;
                    }
                    JsonNode body = u.path("body");
                    examples.add(new Upload(u.path("bucket").asText(), u.path("key").asText(),
                            body.isTextual() ? body.asText() : body.isMissingNode() ? "" : body.toString()));
                    continue;
                }
                List<String> missing = Stream.of("source", "detail-type", "detail").filter(f -> !example.has(f)).toList();
                if (!missing.isEmpty()) {
                    problems.add(at + ": an event without " + String.join(", ", missing)
                            + " (or an upload: {\"upload\": {\"bucket\", \"key\", \"body\"}})");
                    continue;
                }
                examples.add(new Event(example));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return examples;
    }
}
