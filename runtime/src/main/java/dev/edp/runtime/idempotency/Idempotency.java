package dev.edp.runtime.idempotency;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an action at most once per key, across redeliveries, retries and concurrent invocations: the same model as
 * Powertools' idempotency utility, on the pattern's single table.
 *
 * <ol>
 *   <li>Claim: put {@code IN_PROGRESS} unless a live record exists (absent, or its claim lapsed, or it expired).</li>
 *   <li>Already {@code COMPLETED}: the action ran before; return nothing.</li>
 *   <li>Claimed by another invocation whose claim still holds: throw {@link IdempotencyInProgressException}, so the
 *       record is retried after the queue's visibility timeout.</li>
 *   <li>Run the action. Success: mark {@code COMPLETED}. Failure: release the claim and rethrow, so a retry runs it.</li>
 * </ol>
 * A crash between the action and the mark leaves a claim that lapses at its deadline; the retry after it runs the
 * action again: at least once, never lost. Records expire ({@code expiresAt}, the table's TTL) after
 * {@link #DEFAULT_KEEP}, longer than the dead-letter queue keeps messages, so a redriven duplicate is still caught.
 *
 * <p>Item: {@code pk = IDEMPOTENCY#<scope>#<key>}, {@code sk = IDEMPOTENCY} (one partition per key: no hot key).
 * Needs {@code dynamodb:PutItem}, {@code UpdateItem}, {@code DeleteItem} (the {@code table:write} grant).
 */
public final class Idempotency {

    /** 15 days: SQS keeps a dead-lettered message at most 14. */
    public static final Duration DEFAULT_KEEP = Duration.ofDays(15);

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String SK = "IDEMPOTENCY";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String scope;
    private final Clock clock;
    private final Duration keep;

    /**
     * @param scope who does the action, e.g. the consumer's name: the same key in two scopes are two actions
     */
    public Idempotency(DynamoDbClient dynamo, String table, String scope, Clock clock, Duration keep) {
        this.dynamo = dynamo;
        this.table = table;
        this.scope = scope;
        this.clock = clock;
        this.keep = keep;
    }

    public Idempotency(DynamoDbClient dynamo, String table, String scope, Clock clock) {
        this(dynamo, table, scope, clock, DEFAULT_KEEP);
    }

    /**
     * Runs {@code action} unless it already ran for {@code key}.
     *
     * @param claimUntil when a claim by this invocation lapses: the invocation's deadline (Lambda's remaining time)
     * @param action     returns what it did (not null), e.g. the id of the message it published
     * @return what the action returned, or empty when it had already run
     */
    public <T> Optional<T> once(String key, Instant claimUntil, Supplier<T> action) {
        Map<String, AttributeValue> id = key(key);
        Instant now = clock.instant();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", id.get("pk"), "sk", id.get("sk"),
                            "status", s(IN_PROGRESS),
                            "claimUntil", n(claimUntil.getEpochSecond() + 1),
                            "expiresAt", n(now.plus(keep).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now"
                            + " OR (#status = :inProgress AND claimUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":inProgress", s(IN_PROGRESS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = taken.hasItem() ? taken.item() : Map.of();
            if (COMPLETED.equals(existing.getOrDefault("status", s("")).s())) {
                return Optional.empty();
            }
            throw new IdempotencyInProgressException("'" + key + "' of " + scope
                    + " is being handled by another invocation; retry after its claim lapses");
        }
        T result;
        try {
            result = Objects.requireNonNull(action.get(), "an idempotent action must return what it did");
        } catch (RuntimeException failed) {
            release(id, failed);
            throw failed;
        }
        dynamo.updateItem(b -> b.tableName(table).key(id)
                .updateExpression("SET #status = :completed REMOVE claimUntil")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":completed", s(COMPLETED))));
        return Optional.of(result);
    }

    /**
     * SnapStart priming: a consistent read of a record that is never written, so the client's first call (endpoint,
     * signer, marshallers, connection) is made before the snapshot, without a side effect.
     */
    public void prime() {
        dynamo.getItem(b -> b.tableName(table).key(key("priming#never-a-key")).consistentRead(true));
    }

    /** The record's key, for tests and operators ({@code pk = IDEMPOTENCY#<scope>#<key>}). */
    public Map<String, AttributeValue> key(String key) {
        return Map.of("pk", s("IDEMPOTENCY#" + scope + "#" + key), "sk", s(SK));
    }

    private void release(Map<String, AttributeValue> id, RuntimeException failed) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(id));
        } catch (RuntimeException releaseFailed) {
            // The claim then lapses at its deadline; the action's own error is the one to report.
            failed.addSuppressed(releaseFailed);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
