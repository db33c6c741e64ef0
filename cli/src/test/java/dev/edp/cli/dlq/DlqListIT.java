package dev.edp.cli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.ops.OnOpsSandbox;
import dev.edp.cli.ops.Queues;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.edp.cli.CliRun.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edp dlq list} on the pattern's real graph ({@link OnOpsSandbox}: two consumers): depth, oldest, receive
 * counts, and only the errors the pipeline recorded.
 */
class DlqListIT extends OnOpsSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode listJson(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("dlq", "list", "--stack", "dev", "--local", "--json"));
        args.addAll(List.of(extra));
        CliRun.Outcome outcome = sandbox.edp(args.toArray(String[]::new));
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        return JSON.readTree(outcome.out());
    }

    private static JsonNode queue(JsonNode report, String label) {
        for (JsonNode q : report.get("queues")) {
            if (q.get("label").asText().equals(label)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + label + " in " + report);
    }

    @Test
    void everyDlqIsListedWithItsDepthOldestMessageAndReceiveCountsAndNothingIsTaken() throws Exception {
        List<String> ids = sandbox.deadLetter(ORDERS, List.of("{\"order\":1}", "{\"order\":2}"));
        int maxReceiveCount = sandbox.maxReceiveCount(ORDERS);

        JsonNode report = listJson();
        // Every consumer's DLQ in the stack's order (its deadLetterQueueUrls output), then the events DLQ.
        List<String> labels = new ArrayList<>(sandbox.deadLetterQueueUrls.keySet());
        labels.add(DeadLetterQueue.EVENTS);
        assertThat(labels).containsExactlyInAnyOrder(ORDERS, INVENTORY, DeadLetterQueue.EVENTS);
        assertThat(report.get("queues")).extracting(q -> q.get("label").asText()).containsExactlyElementsOf(labels);
        JsonNode orders = queue(report, ORDERS);
        assertThat(orders.get("visible").asLong()).isEqualTo(2);
        assertThat(orders.get("inspected").asInt()).isEqualTo(2);
        assertThat(orders.get("oldestExact").asBoolean()).isTrue();
        assertThat(orders.get("oldestAgeSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(orders.get("sample")).hasSize(2);
        for (JsonNode m : orders.get("sample")) {
            assertThat(ids).contains(m.get("messageId").asText());
            // maxReceiveCount failed deliveries from the source queue, this inspection not counted.
            assertThat(m.get("receiveCount").asInt()).isEqualTo(maxReceiveCount);
            // Nothing logged or attached an error to these messages: none is invented.
            assertThat(m.get("error").asText()).isEqualTo("no error recorded");
            assertThat(m.has("recordedError")).isFalse();
        }
        assertThat(queue(report, INVENTORY).get("visible").asLong()).isZero();
        assertThat(queue(report, DeadLetterQueue.EVENTS).get("sample")).isEmpty();

        // Looked at, not taken: both are visible again at once.
        Queues.Depth after = Queues.depth(sandbox.sqs, sandbox.deadLetterQueueUrls.get(ORDERS));
        assertThat(after.visible()).isEqualTo(2);
        assertThat(after.inFlight()).isZero();
        // A second look counts the first one as a receive, as SQS does.
        assertThat(queue(listJson("--consumer", ORDERS), ORDERS).get("sample").get(0).get("receiveCount").asInt())
                .isEqualTo(maxReceiveCount + 1);
    }

    @Test
    void theErrorIsTheLastFailureTheFunctionLoggedForThatMessage() throws Exception {
        String id = sandbox.deadLetter(ORDERS, List.of("{\"order\":7}")).get(0);
        sandbox.shipLogs(ORDERS, List.of(
                "START RequestId: 1 Version: $LATEST",
                line("INFO", id, 1, null, null),
                line("ERROR", id, 1, "java.lang.IllegalStateException", "stock service timed out"),
                line("ERROR", "another-message", 3, "java.lang.IllegalArgumentException", "not this one"),
                line("ERROR", id, 3, "java.lang.IllegalStateException", "stock service timed out again"),
                line("ERROR", id, 2, "java.lang.IllegalStateException", "stock service still down")));

        JsonNode m = queue(listJson("--consumer", ORDERS), ORDERS).get("sample").get(0);
        assertThat(m.get("error").asText())
                .startsWith("IllegalStateException: stock service timed out again on receive 3 [function log "
                        + sandbox.logGroupNames.get(ORDERS));
        assertThat(m.at("/recordedError/details/receiveCount").asInt()).isEqualTo(3);
        assertThat(m.at("/recordedError/details/error").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void eventBridgeDeliveryFailuresAreReadFromTheAttributesEventBridgeSets() throws Exception {
        // The shape EventBridge gives an event it could not deliver to a target (documented attributes).
        String ruleArn = sandbox.ruleArn(INVENTORY);
        String queueArn = Queues.arn(sandbox.sqs, sandbox.queueUrls.get(INVENTORY));
        Map<String, MessageAttributeValue> attributes = Map.of(
                "ERROR_CODE", text("SQS.AccessDenied"),
                "ERROR_MESSAGE", text("Access to the resource is denied."),
                "RULE_ARN", text(ruleArn),
                "TARGET_ARN", text(queueArn),
                "RETRY_ATTEMPTS", text("185"));
        sandbox.sqs.sendMessage(b -> b.queueUrl(sandbox.deadLetterQueueUrls.get(INVENTORY))
                .messageBody("{\"source\":\"inventory\"}").messageAttributes(attributes));

        JsonNode m = queue(listJson("--consumer", INVENTORY), INVENTORY).get("sample").get(0);
        assertThat(m.get("error").asText()).startsWith("EventBridge could not deliver the event to " + queueArn
                + ": SQS.AccessDenied: Access to the resource is denied. (after 185 retries)");
        assertThat(m.at("/recordedError/details/RULE_ARN").asText()).isEqualTo(ruleArn);
    }

    @Test
    void unreadableRecordsAreSaidSoNotPassedOffAsNoError() throws Exception {
        sandbox.deadLetter(ORDERS, List.of("{\"order\":9}"));
        sandbox.logs.deleteLogGroup(b -> b.logGroupName(sandbox.logGroupNames.get(ORDERS)));

        JsonNode m = queue(listJson("--consumer", ORDERS), ORDERS).get("sample").get(0);
        assertThat(m.get("error").asText()).startsWith("error unknown: the records could not be read (log group "
                + sandbox.logGroupNames.get(ORDERS));
    }

    @Test
    void aLogGroupWithoutAnyStreamIsNotTakenAsNoError() throws Exception {
        sandbox.deadLetter(ORDERS, List.of("{\"order\":10}"));
        String logGroup = sandbox.logGroupNames.get(ORDERS);
        sandbox.logs.describeLogStreams(b -> b.logGroupName(logGroup)).logStreams().forEach(stream ->
                sandbox.logs.deleteLogStream(b -> b.logGroupName(logGroup).logStreamName(stream.logStreamName())));

        JsonNode m = queue(listJson("--consumer", ORDERS), ORDERS).get("sample").get(0);
        assertThat(m.get("error").asText()).isEqualTo("error unknown: the records could not be read (log group "
                + logGroup + " has no log streams: the function's output is not in"
                + " CloudWatch Logs (in the local sandbox it is written to files))");
    }

    @Test
    void sampleAndScanLimitWhatIsShownAndSayWhenTheOldestIsNotCertain() throws Exception {
        sandbox.deadLetter(ORDERS, List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"));

        JsonNode orders = queue(listJson("--consumer", ORDERS, "--sample", "1", "--scan", "2"), ORDERS);
        assertThat(orders.get("sample")).hasSize(1);
        assertThat(orders.get("inspected").asInt()).isEqualTo(2);
        assertThat(orders.get("oldestExact").asBoolean()).isFalse();

        CliRun.Outcome text = sandbox.edp("dlq", "list", "--stack", "dev", "--local", "--consumer", ORDERS,
                "--sample", "1", "--scan", "2");
        assertThat(text.out()).contains("edp dlq list: stack dev (local sandbox ")
                .contains(ORDERS + ": DLQ " + Queues.name(sandbox.deadLetterQueueUrls.get(ORDERS))
                        + ": 3 message(s) (3 visible, 0 in flight, 0 delayed)")
                .contains("(oldest of 2 looked at; older ones may exist)")
                .contains("error: no error recorded")
                .contains("(1 of 3 visible messages shown; --sample N shows more)");
    }

    @Test
    void withoutTheSandboxTheOutputsComeFromAFileAndTheAccountFromTheSdkChain() throws Exception {
        Path outputs = project.resolve("outputs.json");
        Files.writeString(outputs, sandbox.outputs().toPrettyString());
        sandbox.deadLetter(INVENTORY, List.of("{\"sku\":1}"));
        // The SDK's default chains, here fed by system properties (AWS_ENDPOINT_URL etc. in a shell).
        Map<String, String> properties = sandbox.sdkChainProperties();
        properties.forEach(System::setProperty);
        try {
            CliRun.Outcome outcome = sandbox.edp("dlq", "list", "--stack", "dev", "--outputs", outputs.toString(),
                    "--consumer", INVENTORY);
            assertThat(outcome.exit()).as(outcome.err()).isZero();
            assertThat(outcome.out()).contains("(outputs " + outputs + ", AWS account from the SDK's default chains)")
                    .contains(INVENTORY + ": DLQ " + Queues.name(sandbox.deadLetterQueueUrls.get(INVENTORY))
                            + ": 1 message(s)");
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void badInputIsRefusedNamingTheFlagOrFile() throws Exception {
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--local", "--sample", "-1"), "--sample -1");
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--local", "--sample", "5", "--scan", "2"),
                "--scan 2: must be at least --sample (5)");
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--local", "--consumer", "nope"),
                "--consumer nope: the stack has no such consumer; it has "
                        + String.join(", ", sandbox.deadLetterQueueUrls.keySet()));
        assertRefused(sandbox.edp("dlq", "list", "--stack", "prod", "--local"),
                "--local: no local sandbox of stack prod is running");
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--local", "--outputs", "x.json"),
                "--local and --outputs exclude each other");
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--outputs", "missing.json"),
                "--outputs missing.json: no such file");
        Path notJson = project.resolve("bad.json");
        Files.writeString(notJson, "{\"queueUrls\": ");
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--outputs", notJson.toString()),
                "--outputs " + notJson + ": not JSON");
        Path noQueues = project.resolve("empty.json");
        Files.writeString(noQueues, "{\"busName\": \"b\"}");
        assertRefused(sandbox.edp("dlq", "list", "--stack", "dev", "--outputs", noQueues.toString()),
                noQueues + ": no output 'queueUrls'");
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** A failure line as the EDP handlers log it (JsonLog + the fields of EventConsumer/CurIngestHandler). */
    private static String line(String level, String messageId, int receiveCount, String error, String errorMessage) {
        var node = JSON.createObjectNode();
        node.put("timestamp", "2026-01-01T00:00:00Z");
        node.put("level", level);
        node.put("service", ORDERS);
        node.put("environment", "dev");
        node.put("message", "ERROR".equals(level) ? "orders failed an event; it is retried, then dead-lettered"
                : "Order Created: applied");
        node.put("messageId", messageId);
        node.put("receiveCount", receiveCount);
        if (error != null) {
            node.put("error", error);
            node.put("error_message", errorMessage);
        }
        return node.toString();
    }
}
