package dev.edp.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.moto.OnMoto;
import dev.edp.cli.ops.OpsSandbox;
import dev.edp.cli.ops.Queues;
import dev.edp.pattern.consumers.ReplayRoute;
import dev.edp.pattern.events.EventPatterns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.edp.cli.CliRun.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edp replay} on moto: bus, archive and consumer rules as the pattern makes them, events archived, then
 * replayed. moto 5.2.5 replays every archived event to every rule of the bus, ignoring the replay's time range and
 * FilterArns (AWS honours both); the tests assert what the command asked EventBridge for (read back with
 * DescribeReplay) and what the temporary rules of a --pattern replay matched.
 */
class ReplayCommandIT extends OnMoto {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "edp-dev-bus";
    private static final String ARCHIVE = "edp-dev-archive";

    @TempDir
    Path project;
    private OpsSandbox sandbox;
    private final Map<String, String> ruleArns = new java.util.LinkedHashMap<>();
    private Instant before;
    private Instant after;

    @BeforeEach
    void busWithArchiveAndTwoConsumersWhoHandledThreeEvents() {
        moto.reset();
        sandbox = new OpsSandbox(moto, project).withConsumers("order-processor", "inventory-processor");
        String busArn = sandbox.events.createEventBus(b -> b.name(BUS)).eventBusArn();
        sandbox.events.createArchive(b -> b.archiveName(ARCHIVE).eventSourceArn(busArn).retentionDays(7));
        rule("order-processor", EventPatterns.sourceAndTypes("orders", List.of("Order Created", "Order Completed")));
        rule("inventory-processor", EventPatterns.sourceAndTypes("inventory", List.of("Inventory Updated")));
        sandbox.output("busName", BUS).output("busArn", busArn).output("archiveName", ARCHIVE);

        before = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        put("orders", "Order Created", "{\"orderId\":\"o-1\",\"priority\":\"high\"}");
        put("orders", "Order Created", "{\"orderId\":\"o-2\",\"priority\":\"low\"}");
        put("inventory", "Inventory Updated", "{\"sku\":\"s-1\",\"delta\":-1}");
        after = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        // The consumers handled the live events.
        assertThat(sandbox.drain(sandbox.queueUrls.get("order-processor"))).hasSize(2);
        assertThat(sandbox.drain(sandbox.queueUrls.get("inventory-processor"))).hasSize(1);
    }

    private void rule(String consumer, String pattern) {
        String name = "edp-" + consumer + "-rule-0001";
        ruleArns.put(consumer, sandbox.events.putRule(b -> b.name(name).eventBusName(BUS).eventPattern(pattern)).ruleArn());
        String queueArn = Queues.arn(sandbox.sqs, sandbox.queueUrls.get(consumer));
        String dlqArn = Queues.arn(sandbox.sqs, sandbox.deadLetterQueueUrls.get(consumer));
        sandbox.events.putTargets(b -> b.rule(name).eventBusName(BUS).targets(Target.builder().id("queue")
                .arn(queueArn).deadLetterConfig(d -> d.arn(dlqArn))
                .retryPolicy(r -> r.maximumRetryAttempts(8).maximumEventAgeInSeconds(3600)).build()));
    }

    private void put(String source, String type, String detail) {
        var response = sandbox.events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().eventBusName(BUS)
                .source(source).detailType(type).detail(detail).build()));
        assertThat(response.failedEntryCount()).isZero();
    }

    private List<String> args(String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--stack", "dev", "--local", "--from", before.toString(),
                "--to", after.toString(), "--poll-seconds", "0", "--settle-seconds", "0", "--json"));
        args.addAll(List.of(extra));
        return args;
    }

    private JsonNode replay(String... extra) throws Exception {
        CliRun.Outcome outcome = sandbox.edp(args(extra).toArray(String[]::new));
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        return JSON.readTree(outcome.out());
    }

    private List<JsonNode> delivered(String consumer) throws Exception {
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
        assertThat(replay.eventSourceArn()).endsWith(":archive/" + ARCHIVE);
        assertThat(replay.destination().filterArns()).containsExactlyElementsOf(ruleArns.values());
        assertThat(replay.eventStartTime()).isEqualTo(before);
        assertThat(replay.eventEndTime()).isEqualTo(after);

        List<JsonNode> orders = delivered("order-processor");
        assertThat(orders).extracting(e -> e.at("/detail/orderId").asText()).containsExactlyInAnyOrder("o-1", "o-2");
        assertThat(orders).allSatisfy(e -> assertThat(e.get("replay-name").asText()).isEqualTo("catch-up-1"));
        assertThat(delivered("inventory-processor")).extracting(e -> e.at("/detail/sku").asText()).containsExactly("s-1");
    }

    @Test
    void aPatternReplaysOnlyTheEventsItMatchesThroughATemporaryRuleTheQueuePolicyAdmits() throws Exception {
        JsonNode result = replay("--name", "high-only", "--consumer", "order-processor",
                "--pattern", "{\"detail\":{\"priority\":[\"high\"]}}");

        String replayRule = ReplayRoute.ruleArn(ruleArns.get("order-processor"));
        assertThat(result.get("rules").get("order-processor").asText()).isEqualTo(replayRule);
        DescribeReplayResponse replay = sandbox.events.describeReplay(b -> b.replayName("high-only"));
        assertThat(replay.destination().filterArns()).containsExactly(replayRule);
        // The temporary rule is gone once the replay is over.
        assertThat(sandbox.events.listRules(b -> b.eventBusName(BUS).namePrefix(ReplayRoute.PREFIX)).rules()).isEmpty();

        // moto also replays to the consumer's own rule (AWS would not: FilterArns names only the temporary one),
        // so o-1 and o-2 arrive once that way; the temporary rule matched o-1 only, the one --pattern selects.
        List<String> orders = delivered("order-processor").stream().map(e -> e.at("/detail/orderId").asText()).toList();
        assertThat(orders).containsExactlyInAnyOrder("o-1", "o-1", "o-2");
    }

    @Test
    void aPatternNoSelectedConsumerCanMatchIsRefusedAndLeavesNothingBehind() {
        CliRun.Outcome outcome = sandbox.edp(args("--consumer", "inventory-processor",
                "--pattern", "{\"source\":[\"orders\"]}").toArray(String[]::new));
        assertRefused(outcome, "matches no event that a selected consumer's rule matches: nothing to replay");
        assertThat(sandbox.events.listReplays(b -> b.namePrefix("edp-")).replays()).isEmpty();
    }

    @Test
    void aLeftoverTemporaryRuleIsReportedWithTheCommandsToRemoveIt() throws Exception {
        String leftover = ReplayRoute.ruleName("edp-order-processor-rule-0001");
        sandbox.events.putRule(b -> b.name(leftover).eventBusName(BUS).eventPattern("{\"source\":[\"orders\"]}"));
        CliRun.Outcome outcome = sandbox.edp(args("--consumer", "order-processor",
                "--pattern", "{\"detail\":{\"priority\":[\"high\"]}}").toArray(String[]::new));
        assertRefused(outcome, "its replay rule " + leftover + " exists on bus " + BUS);
        assertThat(outcome.err()).contains("aws events delete-rule --event-bus-name " + BUS + " --name " + leftover);
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
                "order-processor").toArray(String[]::new)), "--pattern: cannot be combined with the consumer's rule");
        assertRefused(sandbox.edp(args("--name", "not ok!").toArray(String[]::new)), "--name not ok!: 1 to 64");
        assertRefused(sandbox.edp(args("--consumer", "billing").toArray(String[]::new)),
                "--consumer billing: the stack has no such consumer");
    }
}
