package dev.edp.runtime.cur;

import dev.edp.runtime.common.AwsClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's lease is safe only if no write of a holder lands after the lease ends: it checks its clock before each
 * write and stops {@link RunningTotals#FENCE} before the end, so each DynamoDB call must end (retries included) well
 * within that margin, or a stalled write that passed the check could land after a takeover had finished the move.
 */
class LeaseFenceTest {

    @Test
    void everyDynamoDbCallEndsWellWithinTheLeasesFence() {
        assertThat(AwsClients.DYNAMODB_CALL_TIMEOUT).isLessThanOrEqualTo(RunningTotals.FENCE.dividedBy(2));
        try (DynamoDbClient dynamo = new AwsClients(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test")).dynamoDb()) {
            assertThat(dynamo.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
                    .as("the client the handlers build").contains(AwsClients.DYNAMODB_CALL_TIMEOUT);
        }
        assertThat(RunningTotals.FENCE).isLessThan(CostLedger.LEASE);
        assertThat(Duration.ZERO).isLessThan(AwsClients.DYNAMODB_CALL_TIMEOUT);
    }
}
