package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.edp.runtime.cur.LedgerKeys.PK;
import static dev.edp.runtime.cur.LedgerKeys.SK;

/**
 * Records a report's totals so that at-least-once delivery has an exactly-once effect.
 *
 * <p>Two steps. {@link #record} writes one <em>contribution</em> item per (day, account, service) of the report
 * version, in batches; its keys are a function of the version and the group and its values a function of the
 * version's bytes, so writing it again (a redelivery, a retry after a crash between batches) rewrites the same
 * item. {@link #commit} then writes the object's <em>head</em> in one conditional put naming the version whose
 * contributions count. Totals ({@link CostTotals}) count a contribution only if it belongs to the committed version
 * of its object: before the commit a file counts not at all, after it entirely, whatever happened in between, and
 * a newer upload of the same key replaces the older one's totals instead of adding to them.
 */
public final class CostLedger {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public CostLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** What committing did. */
    public record Commit(boolean committed, Optional<ObjectHead> replaced) {
    }

    /** The object's committed version, read consistently. */
    public Optional<ObjectHead> head(CurObject object) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(LedgerKeys.headPk(object.objectId())), SK, s(LedgerKeys.HEAD)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ObjectHead.from(item));
    }

    /** Writes the version's contributions (idempotent; nothing counts until {@link #commit}). */
    public void record(CurObject object, CurAggregation report) {
        List<WriteRequest> puts = new ArrayList<>(report.totals().size());
        report.totals().forEach((group, total) -> puts.add(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(contribution(object, group, total)).build()).build()));
        DynamoBatches.writeAll(dynamo, table, puts);
    }

    /**
     * Makes the version's contributions count, in one conditional write: it succeeds unless a later version of the
     * same key (by S3's sequencer) is already committed, in which case this version is stale and nothing changes.
     */
    public Commit commit(CurObject object, CurAggregation report) {
        Map<String, AttributeValue> head = new HashMap<>();
        head.put(PK, s(LedgerKeys.headPk(object.objectId())));
        head.put(SK, s(LedgerKeys.HEAD));
        head.put("objectId", s(object.objectId()));
        head.put("bucket", s(object.bucket()));
        head.put("key", s(object.key()));
        head.put("version", s(object.version()));
        head.put("versionTag", s(object.versionTag()));
        head.put("sequencer", s(object.sequencer()));
        head.put("lineItems", n(Long.toString(report.lineItems())));
        head.put("groups", n(Integer.toString(report.totals().size())));
        head.put("unblendedCost", n(Amounts.plain(report.grandTotal())));
        head.put("days", AttributeValue.fromL(report.days().stream().map(day -> s(day.toString())).toList()));
        head.put("committedAt", s(clock.instant().toString()));
        head.put("notified", AttributeValue.fromBool(false));
        try {
            PutItemResponse response = dynamo.putItem(b -> b.tableName(table).item(head)
                    .conditionExpression("attribute_not_exists(pk) OR versionTag = :tag OR sequencer <= :seq")
                    .expressionAttributeValues(Map.of(":tag", s(object.versionTag()), ":seq", s(object.sequencer())))
                    .returnValues(ReturnValue.ALL_OLD));
            Map<String, AttributeValue> old = response.attributes();
            Optional<ObjectHead> replaced = old == null || old.isEmpty() ? Optional.empty()
                    : Optional.of(ObjectHead.from(old)).filter(h -> !h.versionTag().equals(object.versionTag()));
            return new Commit(true, replaced);
        } catch (ConditionalCheckFailedException e) {
            return new Commit(false, Optional.empty());
        }
    }

    /** Records that the success notification of this version went out, so a redelivery does not repeat it. */
    public void markNotified(CurObject object) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(LedgerKeys.headPk(object.objectId())), SK, s(LedgerKeys.HEAD)))
                    .updateExpression("SET notified = :true")
                    .conditionExpression("versionTag = :tag")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":tag", s(object.versionTag()))));
        } catch (ConditionalCheckFailedException e) {
            // A newer version was committed meanwhile: its own notification is its own business.
        }
    }

    /**
     * Deletes the contributions of a version that a newer one replaced. They no longer count either way; this only
     * keeps the day partitions from growing with every re-upload, so it may fail without harm.
     */
    public void forget(ObjectHead replaced) {
        String prefix = LedgerKeys.versionPrefix(replaced.objectId(), replaced.versionTag());
        List<WriteRequest> deletes = new ArrayList<>();
        for (LocalDate day : replaced.days()) {
            dynamo.queryPaginator(b -> b.tableName(table)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", s(LedgerKeys.dayPk(day)), ":prefix", s(prefix)))
                            .projectionExpression("pk, sk"))
                    .items()
                    .forEach(key -> deletes.add(WriteRequest.builder()
                            .deleteRequest(DeleteRequest.builder().key(key).build()).build()));
        }
        DynamoBatches.writeAll(dynamo, table, deletes);
    }

    private static Map<String, AttributeValue> contribution(CurObject object, CostKey group, CostTotal total) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(LedgerKeys.dayPk(group.usageDate())));
        item.put(SK, s(LedgerKeys.contributionSk(object.objectId(), object.versionTag(), group.accountId(), group.service())));
        item.put("objectId", s(object.objectId()));
        item.put("versionTag", s(object.versionTag()));
        item.put("usageDate", s(group.usageDate().toString()));
        item.put("accountId", s(group.accountId()));
        item.put("service", s(group.service()));
        item.put("unblendedCost", n(Amounts.plain(total.unblendedCost())));
        item.put("lineItems", n(Long.toString(total.lineItems())));
        return item;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
