package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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
 * more take several writes, each with a token of its own) and the write's token to the item's {@code pending} set,
 * on the condition that the token is not there yet. So each item takes each move exactly once, however often a
 * crashed or timed-out move is repeated. Once every item has moved (phase 1), the tokens are deleted again (phase
 * 2, one write per item), so an item holds only the tokens of moves in progress: its size does not grow with
 * history. Phase 2 may only run when no phase 1 of the same move can still write, now or later: the object's lease
 * ({@link CostLedger}) guarantees the first (one ingest moves an object's totals at a time, and it stops writing
 * {@link #FENCE} before its lease ends), and the head's record that phase 1 is done the second (a move finished by a
 * takeover skips phase 1 then).
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
     * The writes that move the running totals from {@code from} (the replaced version's contributions) to {@code to}:
     * the same on every attempt of the move (its groups and values are), so are their tokens. Nothing is written yet.
     * The writes stop at {@code leaseUntil} − {@link #FENCE}.
     */
    Move move(String token, Map<CostKey, CostTotal> from, Map<CostKey, CostTotal> to, long leaseUntil) {
        List<Runnable> adds = new ArrayList<>();
        Map<TotalItem, List<String>> tokens = new TreeMap<>();
        differences(from, to).forEach((item, services) -> {
            List<Map.Entry<String, CostTotal>> all = new ArrayList<>(services.entrySet());
            List<Runnable> writes = new ArrayList<>();
            for (int chunk = 0; chunk * SERVICES_PER_WRITE < all.size(); chunk++) {
                List<Map.Entry<String, CostTotal>> part = all.subList(chunk * SERVICES_PER_WRITE,
                        Math.min(all.size(), (chunk + 1) * SERVICES_PER_WRITE));
                String write = token + "#" + chunk;
                tokens.computeIfAbsent(item, i -> new ArrayList<>()).add(write);
                writes.add(() -> add(item, part, write, leaseUntil));
            }
            // One item's writes one after the other: moto (not DynamoDB) loses one of two concurrent updates that
            // both create an item (measured: 3 parallel updates of a new item leave one's attributes).
            adds.add(() -> writes.forEach(Runnable::run));
        });
        List<Runnable> clears = new ArrayList<>();
        tokens.forEach((item, written) -> clears.add(() -> {
            fence(leaseUntil);
            dynamo.updateItem(b -> b.tableName(table).key(item.key())
                    .updateExpression("DELETE #p :tokens")
                    .expressionAttributeNames(Map.of("#p", "pending"))
                    .expressionAttributeValues(Map.of(":tokens", AttributeValue.fromSs(written))));
        }));
        return new Move(adds, clears);
    }

    /**
     * One move's two phases. {@link #add}: each item takes its differences once (phase 1; every add is done, or the
     * move fails, before it returns). {@link #clearTokens}: each item's tokens are deleted (phase 2). Only once the
     * head records phase 1 as done may phase 2 start ({@link CostLedger#moveTotals}): a repeat of phase 1 after an
     * item's token is gone would add it again.
     */
    record Move(List<Runnable> adds, List<Runnable> clears) {

        void add() {
            Parallel.run(adds);
        }

        void clearTokens() {
            Parallel.run(clears);
        }
    }

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

    private void add(TotalItem item, List<Map.Entry<String, CostTotal>> services, String token, long leaseUntil) {
        fence(leaseUntil);
        StringBuilder expression = new StringBuilder("SET #d = :d, #a = :a ADD #p :tokens");
        Map<String, String> names = new HashMap<>(Map.of("#d", "usageDate", "#a", "accountId", "#p", "pending"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":d", AttributeValue.fromS(item.usageDate().toString()),
                ":a", AttributeValue.fromS(item.accountId()),
                ":tokens", AttributeValue.fromSs(List.of(token)),
                ":token", AttributeValue.fromS(token)));
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i).getKey();
            CostTotal difference = services.get(i).getValue();
            expression.append(", #c").append(i).append(" :c").append(i).append(", #n").append(i).append(" :n").append(i);
            names.put("#c" + i, TotalItem.costAttribute(service));
            names.put("#n" + i, TotalItem.lineItemsAttribute(service));
            values.put(":c" + i, AttributeValue.fromN(Amounts.plain(difference.unblendedCost())));
            values.put(":n" + i, AttributeValue.fromN(Long.toString(difference.lineItems())));
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(item.key())
                    .updateExpression(expression.toString())
                    .conditionExpression("NOT contains(#p, :token)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException alreadyMoved) {
            // An earlier attempt of this move wrote these services of this item: they count once.
        }
    }

    private void fence(long leaseUntil) {
        if (clock.millis() >= leaseUntil - FENCE.toMillis()) {
            throw new IllegalStateException("the lease on the object's totals ends at " + java.time.Instant.ofEpochMilli(leaseUntil)
                    + ": stopping before another ingest may take over; the record is retried");
        }
    }
}
