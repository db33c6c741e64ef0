package dev.edp.cli.dlq;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dedupe journal of a copy redrive, in the stack's own table: one item per dead-lettered message, keyed by the
 * DLQ's ARN and the message id (the dedupe key), {@code SENDING} before the message is sent to the source queue and
 * {@code SENT} (with the new message's id) once SQS has taken it. The claim is a conditional write, so two runs (or
 * two operators) never both send one message; a rerun deletes a message whose item says {@code SENT} instead of
 * sending it again. Items expire (the table's TTL attribute) after the longest time a message can stay in a DLQ.
 *
 * <p>Keys as {@link JournalKey} reads them from the table's key schema ({@code REDRIVE#<dlq arn>},
 * {@code MSG#<message id>}): apart from every other item of the table.
 */
final class RedriveJournal {

    /** SQS keeps a message at most 14 days; a day more so the item outlives any copy of the message. */
    static final Duration KEEP = Duration.ofDays(15);

    /** A message's state in the journal. */
    enum State { SENDING, SENT }

    /** What the journal says about a message another claim already holds. */
    record Entry(State state, String runId, Optional<String> destinationMessageId) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final String dlqArn;
    private final JournalKey keys;
    private final Optional<String> ttlAttribute;
    private final Clock clock;

    RedriveJournal(DynamoDbClient dynamo, String table, String dlqArn, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.dlqArn = dlqArn;
        this.keys = JournalKey.of(dynamo.describeTable(b -> b.tableName(table)).table());
        this.clock = clock;
        this.ttlAttribute = ttlAttribute(dynamo, table);
    }

    String describe() {
        return keys.describe(dlqArn);
    }

    /** Claims the message for this run; empty if claimed, else what the journal already holds for it. */
    Optional<Entry> claim(String messageId, String runId) {
        Map<String, AttributeValue> item = new HashMap<>(key(messageId));
        item.put("state", s(State.SENDING.name()));
        item.put("runId", s(runId));
        item.put("claimedAt", s(clock.instant().toString()));
        ttlAttribute.ifPresent(a -> item.put(a, n(clock.instant().plus(KEEP).getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", keys.partitionAttribute())));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            return Optional.of(read(messageId));
        }
    }

    /** Takes over a message an earlier run claimed but never confirmed sending (the operator chose to resend). */
    void reclaim(String messageId, String previousRunId, String runId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(messageId))
                .updateExpression("SET runId = :run, reclaimedAt = :at")
                .conditionExpression("#state = :sending AND runId = :previous")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":run", s(runId), ":at", s(clock.instant().toString()),
                        ":sending", s(State.SENDING.name()), ":previous", s(previousRunId))));
    }

    /** Records that SQS took the message, as {@code destinationMessageId}. */
    void sent(String messageId, String destinationMessageId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(messageId))
                .updateExpression("SET #state = :sent, destinationMessageId = :dest, sentAt = :at")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(State.SENT.name()), ":dest", s(destinationMessageId),
                        ":at", s(clock.instant().toString()))));
    }

    /** Records that the operator resolved an in-doubt message by deleting it from the DLQ unsent. */
    void resolvedByDeletion(String messageId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(messageId))
                .updateExpression("SET #state = :sent, resolvedAt = :at, resolution = :how")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(State.SENT.name()), ":at", s(clock.instant().toString()),
                        ":how", s("deleted by the operator (--in-doubt delete)"))));
    }

    Entry read(String messageId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(messageId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("journal item of " + messageId + " vanished between claim and read");
        }
        return new Entry(State.valueOf(item.get("state").s()), item.get("runId").s(),
                Optional.ofNullable(item.get("destinationMessageId")).map(AttributeValue::s));
    }

    private Map<String, AttributeValue> key(String messageId) {
        return keys.of(dlqArn, messageId);
    }

    private static Optional<String> ttlAttribute(DynamoDbClient dynamo, String table) {
        try {
            var ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            return ttl != null && ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                    ? Optional.ofNullable(ttl.attributeName()) : Optional.empty();
        } catch (SdkException e) {
            // Without DescribeTimeToLive the items simply do not expire; the journal works the same.
            return Optional.empty();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
