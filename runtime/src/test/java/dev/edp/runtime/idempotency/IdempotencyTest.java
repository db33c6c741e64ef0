package dev.edp.runtime.idempotency;

import dev.edp.runtime.testing.ScriptedDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.edp.runtime.testing.ScriptedDynamo.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:00:00Z");
    private final ScriptedDynamo dynamo = new ScriptedDynamo();
    private final Idempotency idempotency = new Idempotency(dynamo, "table", "notification-processor",
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void theFirstCallClaimsTheKeyRunsTheActionAndMarksItCompleted() {
        Optional<String> result = idempotency.once("NOTE-001", NOW.plusSeconds(30), () -> "message-" + runs.incrementAndGet());

        assertThat(result).contains("message-1");
        PutItemRequest claim = dynamo.requests(PutItemRequest.class).get(0);
        assertThat(claim.item().get("pk").s()).isEqualTo("IDEMPOTENCY#notification-processor#NOTE-001");
        assertThat(claim.item().get("status").s()).isEqualTo("IN_PROGRESS");
        assertThat(claim.item().get("claimUntil").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 31));
        assertThat(claim.item().get("expiresAt").n()).isEqualTo(Long.toString(NOW.plus(Idempotency.DEFAULT_KEEP).getEpochSecond()));
        assertThat(claim.conditionExpression()).contains("attribute_not_exists(pk)").contains("expiresAt < :now")
                .contains("claimUntil < :now");
        UpdateItemRequest done = dynamo.requests(UpdateItemRequest.class).get(0);
        assertThat(done.expressionAttributeValues().get(":completed").s()).isEqualTo("COMPLETED");
    }

    @Test
    void aCompletedKeyDoesNotRunTheActionAgain() {
        dynamo.putItem = r -> {
            throw ScriptedDynamo.conditionFailed(Map.of("status", s("COMPLETED")));
        };

        Optional<String> result = idempotency.once("NOTE-001", NOW.plusSeconds(30), () -> "message-" + runs.incrementAndGet());

        assertThat(result).isEmpty();
        assertThat(runs).hasValue(0);
    }

    @Test
    void aKeyClaimedByALiveInvocationFailsTheRecordForALaterRetry() {
        dynamo.putItem = r -> {
            throw ScriptedDynamo.conditionFailed(Map.of("status", s("IN_PROGRESS")));
        };

        assertThatThrownBy(() -> idempotency.once("NOTE-001", NOW.plusSeconds(30), () -> runs.incrementAndGet()))
                .isInstanceOf(IdempotencyInProgressException.class)
                .hasMessageContaining("NOTE-001");
        assertThat(runs).hasValue(0);
    }

    @Test
    void aFailedActionReleasesItsClaimSoTheRetryRunsIt() {
        assertThatThrownBy(() -> idempotency.once("NOTE-001", NOW.plusSeconds(30), () -> {
            throw new IllegalStateException("SNS unavailable");
        })).hasMessage("SNS unavailable");

        assertThat(dynamo.requests(DeleteItemRequest.class)).hasSize(1);
        assertThat(dynamo.requests(UpdateItemRequest.class)).isEmpty();
    }
}
