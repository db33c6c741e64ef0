package dev.edp.cli.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edp.cli.CliRun;
import dev.edp.cli.ops.OnOpsSandbox;
import dev.edp.cli.ops.Queues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.edp.cli.CliRun.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./edp dlq redrive} on the pattern's real graph on moto ({@link OnOpsSandbox}), which has no message move
 * tasks: the copy mechanism, its journal, and runs stopped for real at every step of a move and rerun: no message
 * lost, none delivered twice.
 */
class DlqRedriveIT extends OnOpsSandbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BODIES = List.of("{\"order\":1}", "{\"order\":2}", "{\"order\":3}",
            "{\"order\":4}", "{\"order\":5}", "{\"order\":6}");

    private List<String> deadLetteredIds;
    private String dlq;
    private String queue;

    @BeforeEach
    void sixDeadLetteredOrders() {
        deadLetteredIds = sandbox.deadLetter(ORDERS, BODIES);
        dlq = sandbox.deadLetterQueueUrls.get(ORDERS);
        queue = sandbox.queueUrls.get(ORDERS);
    }

    private JsonNode redrive(String... extra) throws Exception {
        CliRun.Outcome outcome = sandbox.edp(args(extra));
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        return JSON.readTree(outcome.out());
    }

    private static String[] args(String... extra) {
        List<String> args = new ArrayList<>(List.of("dlq", "redrive", "--stack", "dev", "--local", "--consumer",
                ORDERS, "--json"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** The source queue holds every dead-lettered body exactly once, each linked to its original; the DLQ none. */
    private void assertEachMessageRedrivenExactlyOnce() {
        List<Message> redriven = sandbox.drain(queue);
        assertThat(redriven).extracting(Message::body).containsExactlyInAnyOrderElementsOf(BODIES);
        assertThat(redriven).extracting(m -> m.messageAttributes().get(CopyRedrive.REDRIVE_OF).stringValue())
                .containsExactlyInAnyOrderElementsOf(deadLetteredIds);
        assertThat(Queues.depth(sandbox.sqs, dlq).total()).isZero();
    }

    @Test
    void onMotoTheCopyMechanismMovesEveryMessageOnceAndSaysWhyItWasChosen() throws Exception {
        CliRun.Outcome outcome = sandbox.edp(args());
        assertThat(outcome.exit()).as(outcome.err()).isZero();
        assertThat(outcome.err()).contains("StartMessageMoveTask not available: the endpoint does not implement "
                + "ListMessageMoveTasks (HTTP 500, no AWS error code)")
                .contains("mechanism: copy (receive -> send -> delete, with a dedupe journal in the stack's table)");
        JsonNode result = JSON.readTree(outcome.out());
        assertThat(result.get("mechanism").asText()).isEqualTo("copy");
        assertThat(result.get("moved").asInt()).isEqualTo(6);
        assertThat(result.get("visibleAfter").asInt()).isZero();
        assertEachMessageRedrivenExactlyOnce();

        // The journal's items (the command's own keys), expiring by the table's TTL attribute as deployed.
        String ttl = sandbox.dynamo.describeTimeToLive(b -> b.tableName(sandbox.tableName))
                .timeToLiveDescription().attributeName();
        List<Map<String, AttributeValue>> journal = sandbox.dynamo.query(b -> b.tableName(sandbox.tableName)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.fromS("REDRIVE#" + Queues.arn(sandbox.sqs, dlq))))).items();
        assertThat(journal).hasSize(6).allSatisfy(item -> {
            assertThat(item.get("state").s()).isEqualTo("SENT");
            assertThat(item.get("destinationMessageId").s()).isNotBlank();
            assertThat(Long.parseLong(item.get(ttl).n())).isGreaterThan(System.currentTimeMillis() / 1000);
        });
    }

    @ParameterizedTest
    @EnumSource(CopyRedrive.Step.class)
    void aRunStoppedAtAnyStepThenRerunLosesNothingAndDuplicatesNothing(CopyRedrive.Step step) throws Exception {
        // Stop the run at this step of the 4th message, as a crash would: nothing after it happens.
        AtomicInteger reached = new AtomicInteger();
        DlqRedriveCommand crashing = new DlqRedriveCommand();
        crashing.checkpoint = (at, messageId, moved) -> {
            if (at == step && reached.incrementAndGet() == 4) {
                throw new IllegalStateException("simulated crash at " + at);
            }
        };
        CliRun.Outcome crashed = sandbox.run(crashing, "--stack", "dev", "--local", "--consumer", ORDERS,
                "--visibility-seconds", "2");
        assertThat(crashed.exit()).isEqualTo(1);
        assertThat(crashed.err()).contains("simulated crash at " + step);
        // What the crashed run received stays hidden until its visibility timeout ends, as after a real crash.
        sandbox.awaitNothingInFlight(dlq);

        JsonNode rerun = redrive();
        switch (step) {
            case CLAIMED -> {
                // Claimed, never sent: in doubt, held in the DLQ, not resent by default...
                assertThat(rerun.get("heldInDoubt")).hasSize(1);
                assertThat(Queues.depth(sandbox.sqs, dlq).visible()).isEqualTo(1);
                // ...until the operator, having checked, says to resend it.
                assertThat(redrive("--in-doubt", "resend").get("resentInDoubt").asInt()).isEqualTo(1);
            }
            case SENT -> {
                // Sent, not recorded: in doubt too; the operator finds the copy delivered and deletes the original.
                assertThat(rerun.get("heldInDoubt")).hasSize(1);
                assertThat(redrive("--in-doubt", "delete").get("deletedInDoubt").asInt()).isEqualTo(1);
            }
            case RECORDED -> {
                // Recorded as sent, not deleted: the rerun deletes it and does not send it again.
                assertThat(rerun.get("leftoversDeleted").asInt()).isEqualTo(1);
                assertThat(rerun.get("moved").asInt()).isEqualTo(2);
            }
            // Four moved whole before the stop: the rerun moves the other two.
            case DELETED -> assertThat(rerun.get("moved").asInt()).isEqualTo(2);
        }
        assertEachMessageRedrivenExactlyOnce();
    }

    @Test
    void maxMovesThatManyAndLeavesTheRestVisible() throws Exception {
        JsonNode result = redrive("--max", "2");
        assertThat(result.get("mechanism").asText()).isEqualTo("copy");
        assertThat(result.get("moved").asInt()).isEqualTo(2);
        assertThat(result.get("visibleAfter").asInt()).isEqualTo(4);
        assertThat(result.get("inFlightAfter").asInt()).isZero();
        assertThat(sandbox.drain(queue)).hasSize(2);
    }

    @Test
    void aDryRunMovesNothing() throws Exception {
        JsonNode result = redrive("--dry-run", "--max", "4");
        assertThat(result.get("dryRun").asBoolean()).isTrue();
        assertThat(result.get("wouldMove").asInt()).isEqualTo(4);
        assertThat(Queues.depth(sandbox.sqs, dlq).visible()).isEqualTo(6);
        assertThat(Queues.depth(sandbox.sqs, queue).total()).isZero();
    }

    @Test
    void theCopiesKeepAttributesButNotEventBridgesDeliveryFailure() throws Exception {
        sandbox.drain(dlq);
        sandbox.sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{\"order\":7}").messageAttributes(Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("acme").build(),
                "ERROR_CODE", MessageAttributeValue.builder().dataType("String").stringValue("SQS.Throttled").build())));
        redrive();
        Message copy = sandbox.drain(queue).get(0);
        assertThat(copy.messageAttributes()).containsOnlyKeys("tenant", CopyRedrive.REDRIVE_OF);
    }

    @Test
    void askingForMoveTasksWhereTheEndpointHasNoneFailsAsAnAwsError() {
        CliRun.Outcome outcome = sandbox.edp("dlq", "redrive", "--stack", "dev", "--local", "--consumer", ORDERS,
                "--mechanism", "move-task");
        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.err()).contains("edp dlq redrive: AWS: ");
        assertThat(Queues.depth(sandbox.sqs, dlq).visible()).isEqualTo(6);
    }

    @Test
    void badFlagsAreRefusedBeforeAnythingMoves() {
        assertRefused(sandbox.edp("dlq", "redrive", "--stack", "dev", "--local", "--consumer", ORDERS, "--max", "0"),
                "--max 0: must be at least 1");
        assertRefused(sandbox.edp("dlq", "redrive", "--stack", "dev", "--local", "--consumer", ORDERS,
                "--mechanism", "teleport"), "--mechanism teleport: must be auto, move-task or copy");
        assertRefused(sandbox.edp("dlq", "redrive", "--stack", "dev", "--local", "--consumer", ORDERS,
                "--mechanism", "move-task", "--max", "2"), "--mechanism move-task moves every message");
        assertRefused(sandbox.edp("dlq", "redrive", "--stack", "dev", "--local", "--consumer", ORDERS,
                "--in-doubt", "maybe"), "--in-doubt maybe: must be hold, resend or delete");
        assertRefused(sandbox.edp("dlq", "redrive", "--stack", "dev", "--local", "--consumer", "billing"),
                "--consumer billing: the stack has no such consumer; it has "
                        + String.join(", ", sandbox.deadLetterQueueUrls.keySet()));
        assertThat(sandbox.edp("dlq", "redrive", "--stack", "dev", "--local").exit()).isEqualTo(2);
        assertThat(Queues.depth(sandbox.sqs, dlq).visible()).isEqualTo(6);
    }
}
