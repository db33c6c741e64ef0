package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the running totals of the ledger ({@link RunningTotals}): one item per (day, account) holding every
 * service's sum over every object's applied version ({@link TotalItem}). A total without line items (every version
 * that had it replaced) is no total. Answers are kept for the life of this object, so make one per unit of work.
 */
public final class CostTotals {

    private final DynamoDbClient dynamo;
    private final String table;
    /** The (day, account) items read, absent ones included, so nothing is read twice. */
    private final Set<TotalItem> loaded = new HashSet<>();
    /** The totals of the items read. */
    private final Map<CostKey, CostTotal> read = new HashMap<>();

    public CostTotals(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The totals of one usage day, by (day, account, service): one query of that day's accounts. */
    public NavigableMap<CostKey, CostTotal> day(LocalDate day) {
        NavigableMap<CostKey, CostTotal> totals = new TreeMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LedgerKeys.totalPk(day)))))
                .items().forEach(item -> TotalItem.totals(item).forEach((group, total) -> {
                    if (total.lineItems() != 0) {
                        totals.put(group, total);
                    }
                }));
        return totals;
    }

    /** The total of one group; zero when it has no line items. */
    public CostTotal of(CostKey group) {
        return committed(group).orElse(CostTotal.ZERO);
    }

    /** The total of one group, empty when it has no line items; read with {@link #load} first for many. */
    public Optional<CostTotal> committed(CostKey group) {
        if (!loaded.contains(TotalItem.of(group))) {
            load(List.of(group));
        }
        return Optional.ofNullable(read.get(group)).filter(total -> total.lineItems() != 0);
    }

    /** Reads the items of these groups' (day, account), 100 to a BatchGetItem, except those already read. */
    public void load(Collection<CostKey> groups) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (CostKey group : groups) {
            TotalItem item = TotalItem.of(group);
            if (loaded.add(item)) {
                keys.add(item.key());
            }
        }
        for (Map<String, AttributeValue> item : DynamoBatches.getAll(dynamo, table, keys)) {
            read.putAll(TotalItem.totals(item));
        }
    }
}
