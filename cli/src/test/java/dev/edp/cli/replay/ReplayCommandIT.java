package dev.edp.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.ops.OnOpsSandbox;
import dev.edp.events.StackExports;
import dev.edp.pattern.consumers.ReplayRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Replay;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.edp.cli.CliRun.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edp replay} on the pattern's real graph ({@link OnOpsSandbox}: its bus, archive and two consumers' rules
 * as deployed), three events archived once for the class, then replayed by each test. moto 5.2.5 replays every
 * archived event to every rule of the bus, ignoring the replay's time range and FilterArns (AWS honours both); the
 * tests assert what the command asked EventBridge for (read back with DescribeReplay) and what the temporary rules
 * of a --pattern replay matched. The consumers' queues are emptied before each test, the archive is not: no test
 * puts an event of its own, so each replays the same three.
 */
class ReplayCommandIT extends OnOpsSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String bus;
    private static String archive;
    private static final Map<String, String> ruleArns = new LinkedHashMap<>();
    private static Instant before;
    private static Instant after;

    @BeforeAll
    static void threeEventsHandledLive() {
        bus = sandbox.outputs().get(StackExports.BUS_NAME).asText();
        archive = sandbox.outputs().get(StackExports.ARCHIVE_NAME).asText();
        for (String consumer : sandbox.queueUrls.keySet()) {
            ruleArns.put(consumer, sandbox.ruleArn(consumer));
        }
        before = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        put("orders", "Order Created", "{\"orderId\":\"o-1\",\"priority\":\"high\"}");
        put("orders", "Order Created", "{\"orderId\":\"o-2\",\"priority\":\"low\"}");
        put("inventory", "Inventory Updated", "{\"sku\":\"s-1\",\"delta\":-1}");
        after = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        // The consumers' rules delivered the live events (each test's queues are emptied before it).
        assertThat(sandbox.drain(sandbox.queueUrls.get(ORDERS))).hasSize(2);
        assertThat(sandbox.drain(sandbox.queueUrls.get(INVENTORY))).hasSize(1);
    }

    private static void put(String source, String type, String detail) {
        var response = sandbox.events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(bus)
                .source(source).detailType(type).detail(detail).build()));
        assertThat(response.failedEntryCount()).isZero();
    }

    private static List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--stack", "dev", "--local", "--from", before.toString(),
                "--to", after.toString(), "--poll-seconds", "0", "--settle-seconds", "0", "--json"));
        args.addAll(List.of(extra));
        return args;
    }

    private static JsonNode replay(String... extra) throws Exception {
        CliRun.Outcome outcome = sandbox.edp(args(extra).toArray(String[]::new));
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        return JSON.readTree(outcome.out());
    }

    private static List<JsonNode> delivered(String consumer) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Message m : sandbox.drain(sandbox.queueUrls.get(consumer))) {
            events.add(JSON.readTree(m.body()));
        }
        return events;
    }

    @Test
    void aReplayGoesToTheConsumersRulesForTheWindowAndIsFollowedToCompletion() throws Exception {
        JsonNode result = replay("--name", "catch-up-1");

        assertThat(result.get("state").asText()).isEqualTo("COMPLETED");
        DescribeReplayResponse replay = sandbox.events.describeReplay(b -> b.replayName("catch-up-1"));
        assertThat(replay.eventSourceArn()).endsWith(":archive/" + archive);
        assertThat(replay.destination().filterArns()).containsExactlyElementsOf(ruleArns.values());
        assertThat(replay.eventStartTime()).isEqualTo(before);
        assertThat(replay.eventEndTime()).isEqualTo(after);

        List<JsonNode> orders = delivered(ORDERS);
        assertThat(orders).extracting(e -> e.at("/detail/orderId").asText()).containsExactlyInAnyOrder("o-1", "o-2");
        assertThat(orders).allSatisfy(e -> assertThat(e.get("replay-name").asText()).isEqualTo("catch-up-1"));
        assertThat(delivered(INVENTORY)).extracting(e -> e.at("/detail/sku").asText()).containsExactly("s-1");
    }

    @Test
    void aPatternReplaysOnlyTheEventsItMatchesThroughATemporaryRuleTheQueuePolicyAdmits() throws Exception {
        JsonNode result = replay("--name", "high-only", "--consumer", ORDERS,
                "--pattern", "{\"detail\":{\"priority\":[\"high\"]}}");

        String replayRule = ReplayRoute.ruleArn(ruleArns.get(ORDERS));
        assertThat(result.get("rules").get(ORDERS).asText()).isEqualTo(replayRule);
        DescribeReplayResponse replay = sandbox.events.describeReplay(b -> b.replayName("high-only"));
        assertThat(replay.destination().filterArns()).containsExactly(replayRule);
        // The temporary rule is gone once the replay is over.
        assertThat(sandbox.events.listRules(b -> b.eventBusName(bus).namePrefix(ReplayRoute.PREFIX)).rules()).isEmpty();

        // moto also replays to the consumer's own rule (AWS would not: FilterArns names only the temporary one),
        // so o-1 and o-2 arrive once that way; the temporary rule matched o-1 only, the one --pattern selects.
        List<String> orders = delivered(ORDERS).stream().map(e -> e.at("/detail/orderId").asText()).toList();
        assertThat(orders).containsExactlyInAnyOrder("o-1", "o-1", "o-2");
    }

    @Test
    void aPatternNoSelectedConsumerCanMatchIsRefusedAndLeavesNothingBehind() {
        List<String> replaysBefore = replayNames();
        CliRun.Outcome outcome = sandbox.edp(args("--consumer", INVENTORY,
                "--pattern", "{\"source\":[\"orders\"]}").toArray(String[]::new));
        assertRefused(outcome, "matches no event that a selected consumer's rule matches: nothing to replay");
        // No replay started (the other tests' replays stay listed: moto keeps them, as AWS does).
        assertThat(replayNames()).containsExactlyInAnyOrderElementsOf(replaysBefore);
        assertThat(sandbox.events.listRules(b -> b.eventBusName(bus).namePrefix(ReplayRoute.PREFIX)).rules()).isEmpty();
    }

    private static List<String> replayNames() {
        return sandbox.events.listReplays(b -> { }).replays().stream().map(Replay::replayName).toList();
    }

    @Test
    void aLeftoverTemporaryRuleIsReportedWithTheCommandsToRemoveIt() throws Exception {
        String ruleArn = ruleArns.get(ORDERS);
        String leftover = ReplayRoute.ruleName(ruleArn.substring(ruleArn.lastIndexOf('/') + 1));
        sandbox.events.putRule(b -> b.name(leftover).eventBusName(bus).eventPattern("{\"source\":[\"orders\"]}"));
        try {
            CliRun.Outcome outcome = sandbox.edp(args("--consumer", ORDERS,
                    "--pattern", "{\"detail\":{\"priority\":[\"high\"]}}").toArray(String[]::new));
            assertRefused(outcome, "its replay rule " + leftover + " exists on bus " + bus);
            assertThat(outcome.err()).contains("aws events delete-rule --event-bus-name " + bus + " --name " + leftover);
        } finally {
            // The bus is the class's: the next test's replay must not find it.
            sandbox.events.deleteRule(b -> b.eventBusName(bus).name(leftover));
        }
    }

    @Test
    void badTimesPatternsAndNamesAreRefusedNamingTheFlag() {
        assertRefused(sandbox.edp("replay", "--stack", "dev", "--local", "--from", "yesterday", "--to",
                "2026-01-02T00:00:00Z"), "--from yesterday: not an ISO-8601 instant with a zone");
        assertRefused(sandbox.edp("replay", "--stack", "dev", "--local", "--from", "2026-01-01T00:00:00", "--to",
                "2026-01-02T00:00:00Z"), "--from 2026-01-01T00:00:00: not an ISO-8601 instant with a zone");
        assertRefused(sandbox.edp("replay", "--stack", "dev", "--local", "--from", "2026-01-02T01:00:00+01:00", "--to",
                "2026-01-02T00:00:00Z"), "--from 2026-01-02T00:00:00Z must be before --to 2026-01-02T00:00:00Z");
        assertRefused(sandbox.edp(args("--pattern", "{\"source\":").toArray(String[]::new)), "--pattern: not JSON");
        assertRefused(sandbox.edp(args("--pattern", "[\"orders\"]").toArray(String[]::new)),
                "--pattern: must be a non-empty JSON object");
        assertRefused(sandbox.edp(args("--pattern", "{\"source\":\"orders\"}").toArray(String[]::new)),
                "--pattern: not an EventBridge event pattern");
        assertRefused(sandbox.edp(args("--pattern", "{\"replay-name\":[\"x\"]}").toArray(String[]::new)),
                "--pattern: 'replay-name' is set by the replay itself");
        assertRefused(sandbox.edp(args("--pattern", "{\"source\":[{\"prefix\":\"ord\"}]}", "--consumer",
                ORDERS).toArray(String[]::new)), "--pattern: cannot be combined with the consumer's rule");
        assertRefused(sandbox.edp(args("--name", "not ok!").toArray(String[]::new)), "--name not ok!: 1 to 64");
        assertRefused(sandbox.edp(args("--consumer", "billing").toArray(String[]::new)),
                "--consumer billing: the stack has no such consumer");
    }
}
