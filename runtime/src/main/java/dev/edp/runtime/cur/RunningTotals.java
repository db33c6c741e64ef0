package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The running totals of each (day, account, service): the sum over every object of its applied version's
 * contribution, kept in one item per (day, account) ({@link TotalItem}), so that reading a total is one item,
 * whatever the number of reports before it.
 *
 * <p>A version's totals are moved in with a {@link ObjectHead.Transition} from the version it replaced: for each
 * group of either, the difference (new − replaced) is added with DynamoDB's exact {@code ADD}. One conditional
 * {@code UpdateItem} per (day, account) item adds the differences of all its services (up to {@link #SERVICES_PER_WRITE};
 * more take several writes, each a chunk of its own) and sets the item's <em>marker</em> of the object and chunk,
 * {@code moved#<object>#<chunk>}, to the version moved in, on the condition that it does not name that version yet.
 * So each item takes each move exactly once, however often a crashed or timed-out move is repeated: a version is
 * the target of one move of its object only (tags are unique per upload, {@link CurObject#versionTag}; a retry's
 * commit moves nothing), and the marker keeps naming it until the object's next move, which starts only once this
 * one is closed on the head ({@link CostLedger}).
 *
 * <p>A marker is needed only while its move may still run; after that it is ~60 bytes of nothing. The object's next
 * move overwrites it, so a report whose keys come back (CUR in overwrite mode) leaves one per part. Reports under
 * new keys each time would pile them up, so a write that leaves an item with more than {@link #MARKERS_KEPT}
 * markers also clears those of finished moves ({@link #forgetFinished}): the item stays under ~2 KB of markers,
 * for one extra read and write per {@link #MARKERS_KEPT} new objects on it.
 *
 * <p>This replaced a token set ({@code pending}) that a second write per item cleared after the move: one write per
 * item more, and a move whose tokens were cleared but whose transition was not yet closed could be finished by a
 * takeover that added it again (runtime/README.md, "Why redelivery and crashes never double-count").
 *
 * <p>Why not one transaction per chunk of items with a marker item, the textbook answer on DynamoDB: moto (the
 * emulator every test here runs on) copies the whole table for each {@code TransactWriteItems} ({@code copy.deepcopy}
 * in moto 5.2.5; measured: 0.04 s on an empty table, 6 s at 5,000 items), and runs each PartiQL statement
 * ({@code BatchExecuteStatement}) over a JSON copy of every item, which would make the cost of a report grow with
 * history again, on the emulator only; on DynamoDB a transaction also costs two write units per item. Single-item
 * conditional writes behave and cost the same on both.
 */
final class RunningTotals {

    /** Writes stop this long before the lease ends: no write of an expired lease holder lands after a takeover. */
    static final Duration FENCE = Duration.ofSeconds(60);

    /**
     * Services whose differences one {@code UpdateItem} adds. DynamoDB allows it easily (an expression may have 4 KB,
     * each service takes about 22 characters of it: {@code , #c49 :c49, #n49 :n49}); moto's expression parser recurses
     * once per action and overflows Python's stack past about 75 services (measured, moto 5.2.5), so 50.
     */
    static final int SERVICES_PER_WRITE = 50;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    RunningTotals(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Moves the running totals of {@code objectId} from {@code from} (the replaced version's contributions) to
     * {@code to} (version {@code versionTag}'s): every item takes its differences once (4 items at a time), or the
     * move fails here. The writes are the same on every attempt (the groups and values are), and stop at
     * {@code leaseUntil} − {@link #FENCE}.
     */
    void move(String objectId, String versionTag, Map<CostKey, CostTotal> from, Map<CostKey, CostTotal> to, long leaseUntil) {
        List<Runnable> adds = new ArrayList<>();
        differences(from, to).forEach((item, services) -> {
            List<Map.Entry<String, CostTotal>> all = new ArrayList<>(services.entrySet());
            List<Runnable> writes = new ArrayList<>();
            for (int chunk = 0; chunk * SERVICES_PER_WRITE < all.size(); chunk++) {
                List<Map.Entry<String, CostTotal>> part = all.subList(chunk * SERVICES_PER_WRITE,
                        Math.min(all.size(), (chunk + 1) * SERVICES_PER_WRITE));
                String marker = marker(objectId, chunk);
                writes.add(() -> add(item, part, marker, versionTag, leaseUntil));
            }
            // One item's writes one after the other: moto (not DynamoDB) loses one of two concurrent updates that
            // both create an item (measured: 3 parallel updates of a new item leave one's attributes).
            adds.add(() -> writes.forEach(Runnable::run));
        });
        Parallel.run(adds);
    }

    /** The attribute of a total item that names the version of the object whose chunk of differences it holds. */
    static String marker(String objectId, int chunk) {
        return MARKER_PREFIX + objectId + "#" + chunk;
    }

    static final String MARKER_PREFIX = "moved#";

    /** Markers an item may hold before a move's write there clears those of finished moves. */
    static final int MARKERS_KEPT = 32;

    /**
     * Markers one clearing write removes, each with its condition: moto's expression parser recurses per action and
     * clause (the limit of {@link #SERVICES_PER_WRITE}), and one write brings an item back from 33 to 8 or fewer.
     */
    static final int MARKERS_PER_CLEANUP = 25;

    /** The non-zero differences new − replaced, by item and service. */
    private static Map<TotalItem, SortedMap<String, CostTotal>> differences(Map<CostKey, CostTotal> from, Map<CostKey, CostTotal> to) {
        TreeSet<CostKey> keys = new TreeSet<>(from.keySet());
        keys.addAll(to.keySet());
        Map<TotalItem, SortedMap<String, CostTotal>> differences = new TreeMap<>();
        for (CostKey key : keys) {
            CostTotal was = from.getOrDefault(key, CostTotal.ZERO);
            CostTotal now = to.getOrDefault(key, CostTotal.ZERO);
            BigDecimal cost = now.unblendedCost().subtract(was.unblendedCost());
            long lineItems = now.lineItems() - was.lineItems();
            if (cost.signum() == 0 && lineItems == 0) {
                continue; // same total in both versions: nothing to write
            }
            differences.computeIfAbsent(TotalItem.of(key), i -> new TreeMap<>()).put(key.service(), new CostTotal(cost, lineItems));
        }
        return differences;
    }

    private void add(TotalItem item, List<Map.Entry<String, CostTotal>> services, String marker, String versionTag,
                     long leaseUntil) {
        fence(leaseUntil);
        StringBuilder expression = new StringBuilder("SET #d = :d, #a = :a, #m = :v ADD ");
        Map<String, String> names = new HashMap<>(Map.of("#d", "usageDate", "#a", "accountId", "#m", marker));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":d", AttributeValue.fromS(item.usageDate().toString()),
                ":a", AttributeValue.fromS(item.accountId()),
                ":v", AttributeValue.fromS(versionTag)));
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i).getKey();
            CostTotal difference = services.get(i).getValue();
            expression.append(i == 0 ? "" : ", ").append("#c").append(i).append(" :c").append(i)
                    .append(", #n").append(i).append(" :n").append(i);
            names.put("#c" + i, TotalItem.costAttribute(service));
            names.put("#n" + i, TotalItem.lineItemsAttribute(service));
            values.put(":c" + i, AttributeValue.fromN(Amounts.plain(difference.unblendedCost())));
            values.put(":n" + i, AttributeValue.fromN(Long.toString(difference.lineItems())));
        }
        Map<String, AttributeValue> after;
        try {
            after = dynamo.updateItem(b -> b.tableName(table).key(item.key())
                    .updateExpression(expression.toString())
                    .conditionExpression("attribute_not_exists(#m) OR #m <> :v")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException alreadyMoved) {
            return; // an earlier attempt of this move wrote these services of this item: they count once
        }
        Map<String, String> markers = new TreeMap<>();
        after.forEach((name, value) -> {
            if (name.startsWith(MARKER_PREFIX) && value.s() != null) {
                markers.put(name, value.s());
            }
        });
        if (markers.size() > MARKERS_KEPT) {
            forgetFinished(item, markers, leaseUntil);
        }
    }

    /**
     * Removes the markers of moves that can never run again: those whose object's head (read consistently) is not
     * moving its totals to the version the marker names. Such a move is closed, or a newer version committed after
     * it (which needs it closed), and a closed move is never repeated. Each marker is removed on the condition that
     * it still names that version: if the object moved on meanwhile and wrote a new marker, the write changes nothing
     * and the item is cleared at a later move. A marker whose head is absent (never the case: heads are not deleted)
     * is kept.
     */
    private void forgetFinished(TotalItem item, Map<String, String> markers, long leaseUntil) {
        Map<String, ObjectHead> heads = new HashMap<>();
        List<Map<String, AttributeValue>> keys = markers.keySet().stream().map(RunningTotals::objectOf).distinct()
                .map(objectId -> Map.of(LedgerKeys.PK, AttributeValue.fromS(LedgerKeys.headPk(objectId)),
                        LedgerKeys.SK, AttributeValue.fromS(LedgerKeys.HEAD)))
                .toList();
        DynamoBatches.getAll(dynamo, table, keys).forEach(found -> {
            ObjectHead head = ObjectHead.from(found);
            heads.put(head.objectId(), head);
        });
        List<Map.Entry<String, String>> finished = markers.entrySet().stream()
                .filter(marker -> {
                    ObjectHead head = heads.get(objectOf(marker.getKey()));
                    return head != null && head.transition().filter(t -> t.to().equals(marker.getValue())).isEmpty();
                })
                .limit(MARKERS_PER_CLEANUP)
                .toList();
        if (finished.isEmpty()) {
            return;
        }
        StringBuilder remove = new StringBuilder("REMOVE ");
        StringBuilder condition = new StringBuilder();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        for (int i = 0; i < finished.size(); i++) {
            remove.append(i == 0 ? "" : ", ").append("#r").append(i);
            condition.append(i == 0 ? "" : " AND ").append("#r").append(i).append(" = :r").append(i);
            names.put("#r" + i, finished.get(i).getKey());
            values.put(":r" + i, AttributeValue.fromS(finished.get(i).getValue()));
        }
        fence(leaseUntil);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(item.key())
                    .updateExpression(remove.toString())
                    .conditionExpression(condition.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException movedOnMeanwhile) {
            // One of these objects wrote a newer marker since: this item is cleared at a later move.
        }
    }

    /** The object a marker attribute ({@link #marker}) is of. */
    static String objectOf(String markerName) {
        return markerName.substring(MARKER_PREFIX.length(), markerName.lastIndexOf('#'));
    }

    private void fence(long leaseUntil) {
        if (clock.millis() >= leaseUntil - FENCE.toMillis()) {
            throw new IllegalStateException("the lease on the object's totals ends at " + java.time.Instant.ofEpochMilli(leaseUntil)
                    + ": stopping before another ingest may take over; the record is retried");
        }
    }
}
