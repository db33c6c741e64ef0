package dev.edp.cli.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.events.StackExports;

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
 * {@code *.json} files or one file holding an array, each an EventBridge event with {@code source},
 * {@code detail-type} and {@code detail}, as the seeds' examples are), put on its bus one by one; each must reach
 * at least one of its consumers and be settled there (processed, or in the consumer's DLQ after maxReceiveCount),
 * within the timeout. The run's other checks (every consumer reached, nothing lost) apply as to any stack.
 */
public final class ProgramEventsScenario implements Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return "the program's own example events (" + events + "), each to its consumers, end to end";
    }

    @Override
    public Optional<String> unavailable(ScenarioContext context) {
        return Files.exists(events) ? Optional.empty()
                : Optional.of("no example events at " + events + " (give them with --events)");
    }

    @Override
    public ScenarioResult run(ScenarioContext context) throws Exception {
        String bus = context.export(StackExports.BUS_NAME);
        List<Check> checks = new ArrayList<>();
        for (JsonNode event : read(events)) {
            String type = event.path("detail-type").asText();
            String id = context.aws().events().putEvents(b -> b.entries(e -> e.eventBusName(bus)
                    .source(event.path("source").asText()).detailType(type)
                    .detail(event.path("detail").toString()))).entries().get(0).eventId();
            context.trace().start(id, "event \"" + type + "\" from " + event.path("source").asText(), Instant.now());
            long deadline = System.nanoTime() + context.timeout().toNanos();
            while (!settled(context, id) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            List<String> queues = context.ledger().deliveries(id).stream().filter(d -> d.service().equals("sqs"))
                    .map(DeliveryLedger.Delivery::target).distinct().toList();
            List<DeliveryLedger.Attempt> attempts = context.ledger().attempts(id);
            checks.add(Check.of("\"" + type + "\" reached a consumer and was settled", settled(context, id),
                    "queues " + queues + ", " + attempts.size() + " invocation(s), "
                            + attempts.stream().filter(DeliveryLedger.Attempt::ok).count() + " ok"));
        }
        return ScenarioResult.ran(name(), checks);
    }

    /** Delivered to a queue, and its last attempt succeeded or it went on to maxReceiveCount failed receives. */
    private static boolean settled(ScenarioContext context, String id) {
        boolean queued = context.ledger().deliveries(id).stream().anyMatch(d -> d.service().equals("sqs"));
        List<DeliveryLedger.Attempt> attempts = context.ledger().attempts(id);
        if (!queued || attempts.isEmpty()) {
            return false;
        }
        DeliveryLedger.Attempt last = attempts.get(attempts.size() - 1);
        int maxReceives = context.function(last.function()).map(f -> Integer.parseInt(f.environment()
                .getOrDefault(dev.edp.events.FunctionEnvironment.MAX_RECEIVE_COUNT,
                        String.valueOf(dev.edp.events.QueueDefaults.MAX_RECEIVE_COUNT)))).orElse(1);
        return last.ok() || last.receiveCount() >= maxReceives;
    }

    /** The events: each {@code *.json} of a directory (sorted), or a file holding one event or an array of them. */
    static List<JsonNode> read(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                list.filter(f -> f.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<JsonNode> events = new ArrayList<>();
        for (Path file : files) {
            JsonNode node;
            try {
                node = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
            }
            for (JsonNode event : node.isArray() ? node : JSON.createArrayNode().add(node)) {
                List<String> missing = Stream.of("source", "detail-type", "detail").filter(f -> !event.has(f)).toList();
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException(file + ": an event without " + String.join(", ", missing));
                }
                events.add(event);
            }
        }
        return events;
    }
}
