package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
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
 * <p>Three steps. {@link #record} writes one <em>contribution</em> item per (day, account, service) of the report
 * version, in batches; its keys are a function of the version and the group and its values a function of the
 * version's bytes, so writing it again (a redelivery, a retry after a crash between batches) rewrites the same
 * item. {@link #commit} then writes the object's <em>head</em> in one conditional put naming the committed version,
 * the transition of the running totals from the version it replaced, and a lease. {@link #moveTotals} makes that
 * transition ({@link RunningTotals}): each (day, account, service) total takes the difference once, then the
 * transition is closed. Before the commit a file counts not at all; after its move, exactly once; a newer upload
 * of the same key replaces the older one's totals instead of adding to them. A move left unfinished is finished by
 * the next ingest of the object once the lease has ended ({@link #takeOver}).
 */
public final class CostLedger {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final RunningTotals totals;

    /**
     * How long an ingest may move an object's totals before another may take over. It stops writing
     * {@link RunningTotals#FENCE} before the end; a move of a report with tens of thousands of groups fits.
     */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(10);

    public CostLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.totals = new RunningTotals(dynamo, table, clock);
    }

    /** The object's committed version, read consistently. */
    public Optional<ObjectHead> head(CurObject object) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(headKey(object.objectId()))).item();
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
     * Commits the version in one conditional write over the head as the caller read it ({@code read}): optimistic
     * concurrency, so every commit of an object knows exactly which head it replaced and carries that version, with
     * whatever cleanup the replaced head still owed, in its {@link ObjectHead#replaced} list. The new head holds the
     * {@link ObjectHead.Transition} of the running totals from the replaced version to this one and the lease of
     * {@code owner} to make it ({@link #moveTotals}); a head with a transition still open is never committed over.
     * The caller checks first that {@code read} is not newer than this version. Empty when the head changed since it
     * was read: read it again and decide again.
     */
    public Optional<ObjectHead> commit(CurObject object, CurAggregation report, Optional<ObjectHead> read, String owner) {
        if (read.flatMap(ObjectHead::transition).isPresent()) {
            throw new IllegalArgumentException("a head whose totals are still moving is not committed over");
        }
        List<ObjectHead.Replaced> replaced = read.map(h -> h.replacedBy(object)).orElse(List.of());
        Optional<ObjectHead.Transition> transition = read.filter(h -> h.versionTag().equals(object.versionTag())).isPresent()
                ? Optional.empty() // committed again by a retry: its totals moved the first time
                : Optional.of(new ObjectHead.Transition(read.map(ObjectHead::versionTag).orElse(""),
                        read.map(ObjectHead::days).orElse(List.of()), object.versionTag(), List.copyOf(report.days())));
        String committedAt = clock.instant().toString();
        long leaseUntil = transition.isPresent() ? clock.millis() + LEASE.toMillis() : 0L;
        Map<String, AttributeValue> head = new HashMap<>(headKey(object.objectId()));
        head.put("objectId", s(object.objectId()));
        head.put("bucket", s(object.bucket()));
        head.put("key", s(object.key()));
        head.put("version", s(object.version()));
        head.put("versionTag", s(object.versionTag()));
        head.put("sequencer", s(object.sequencer()));
        head.put("lineItems", n(Long.toString(report.lineItems())));
        head.put("groups", n(Integer.toString(report.totals().size())));
        head.put("unblendedCost", n(Amounts.plain(report.grandTotal())));
        head.put("days", ObjectHead.days(report.days()));
        head.put("committedAt", s(committedAt));
        head.put("notified", AttributeValue.fromBool(false));
        if (!replaced.isEmpty()) {
            head.put("replaced", AttributeValue.fromL(replaced.stream().map(ObjectHead.Replaced::toAttribute).toList()));
        }
        transition.ifPresent(t -> {
            head.put("transition", t.toAttribute());
            head.put("leaseOwner", s(owner));
            head.put("leaseUntil", n(Long.toString(leaseUntil)));
        });
        try {
            dynamo.putItem(b -> {
                b.tableName(table).item(head);
                read.ifPresentOrElse(
                        h -> b.conditionExpression("versionTag = :readTag AND committedAt = :readAt AND attribute_not_exists(#transition)")
                                .expressionAttributeNames(Map.of("#transition", "transition"))
                                .expressionAttributeValues(Map.of(":readTag", s(h.versionTag()), ":readAt", s(h.committedAt()))),
                        () -> b.conditionExpression("attribute_not_exists(pk)"));
            });
        } catch (ConditionalCheckFailedException changedSinceRead) {
            return Optional.empty();
        }
        return Optional.of(new ObjectHead(object.objectId(), object.versionTag(), object.sequencer(), List.copyOf(report.days()),
                false, committedAt, replaced, transition, transition.isPresent() ? owner : "", leaseUntil));
    }

    /**
     * Takes over the lease of a head whose transition was left unfinished (its ingest crashed or gave up) once that
     * lease has ended: conditioned on the head being exactly as read. Empty when it changed or the lease still runs.
     */
    public Optional<ObjectHead> takeOver(ObjectHead read, String owner) {
        long now = clock.millis();
        long leaseUntil = now + LEASE.toMillis();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(headKey(read.objectId()))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until")
                    .conditionExpression("versionTag = :tag AND committedAt = :at AND attribute_exists(#transition)"
                            + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#transition", "transition"))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(Long.toString(leaseUntil)),
                            ":tag", s(read.versionTag()), ":at", s(read.committedAt()), ":now", n(Long.toString(now)))));
        } catch (ConditionalCheckFailedException changedOrLeased) {
            return Optional.empty();
        }
        return Optional.of(new ObjectHead(read.objectId(), read.versionTag(), read.sequencer(), read.days(), read.notified(),
                read.committedAt(), read.replaced(), read.transition(), owner, leaseUntil));
    }

    /**
     * Makes the head's transition: moves the running totals from the replaced version's contributions to the new
     * version's ({@code report} when it is that version's, else its contributions as recorded), then closes the
     * transition and the lease. The caller holds the lease ({@link #commit} or {@link #takeOver}). A move cut short
     * anywhere, the close included, is finished by repeating it: each item's marker says whether it has this move's
     * differences already ({@link RunningTotals}).
     */
    public void moveTotals(ObjectHead head, CurObject object, CurAggregation report) {
        ObjectHead.Transition transition = head.transition().orElseThrow();
        Map<CostKey, CostTotal> from = transition.from().isEmpty() ? Map.of()
                : contributions(head.objectId(), transition.from(), transition.fromDays());
        Map<CostKey, CostTotal> to = transition.to().equals(object.versionTag()) && report != null ? report.totals()
                : contributions(head.objectId(), transition.to(), transition.toDays());
        totals.move(head.objectId(), transition.to(), from, to, head.leaseUntil());
        try {
            dynamo.updateItem(b -> b.tableName(table).key(headKey(head.objectId()))
                    .updateExpression("REMOVE #transition, leaseOwner, leaseUntil")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeNames(Map.of("#transition", "transition"))
                    .expressionAttributeValues(Map.of(":owner", s(head.leaseOwner()))));
        } catch (ConditionalCheckFailedException leaseLost) {
            throw new IllegalStateException("the lease on " + object.uri() + "'s totals was taken over; the record is retried", leaseLost);
        }
    }

    /** The recorded contributions of one version, by group: a query per day, of that version's items only. */
    Map<CostKey, CostTotal> contributions(String objectId, String versionTag, List<LocalDate> days) {
        String prefix = LedgerKeys.versionPrefix(objectId, versionTag);
        Map<CostKey, CostTotal> totals = new java.util.TreeMap<>();
        for (LocalDate day : days) {
            dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", s(LedgerKeys.dayPk(day)), ":prefix", s(prefix))))
                    .items()
                    .forEach(item -> totals.put(new CostKey(day, item.get("accountId").s(), item.get("service").s()),
                            new CostTotal(new java.math.BigDecimal(item.get("unblendedCost").n()),
                                    Long.parseLong(item.get("lineItems").n()))));
        }
        return totals;
    }

    /**
     * Records that the replaced versions are cleaned up. Conditioned on the version still being committed: if a
     * newer one committed meanwhile, it carries the list and cleans up again, which changes nothing.
     */
    public void clearReplaced(CurObject object) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(headKey(object.objectId()))
                    .updateExpression("REMOVE replaced")
                    .conditionExpression("versionTag = :tag")
                    .expressionAttributeValues(Map.of(":tag", s(object.versionTag()))));
        } catch (ConditionalCheckFailedException newerVersionCommitted) {
            // The newer head lists these versions too and cleans them up after its own commit.
        }
    }

    /** Records that the success notification of this version went out, so a redelivery does not repeat it. */
    public void markNotified(CurObject object) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(headKey(object.objectId()))
                    .updateExpression("SET notified = :true")
                    .conditionExpression("versionTag = :tag")
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":tag", s(object.versionTag()))));
        } catch (ConditionalCheckFailedException e) {
            // A newer version was committed meanwhile: its own notification is its own business.
        }
    }

    /**
     * Deletes the contributions of a version that a newer one replaced. They no longer count either way; this keeps
     * the day partitions from growing with every re-upload. Safe to repeat: tags are unique per upload
     * ({@link CurObject#versionTag}), so a replaced tag is never the committed one again.
     */
    public void forget(String objectId, ObjectHead.Replaced replaced) {
        String prefix = LedgerKeys.versionPrefix(objectId, replaced.versionTag());
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

    private static Map<String, AttributeValue> headKey(String objectId) {
        return Map.of(PK, s(LedgerKeys.headPk(objectId)), SK, s(LedgerKeys.HEAD));
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
