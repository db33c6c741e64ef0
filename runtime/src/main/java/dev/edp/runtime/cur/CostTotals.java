package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the running totals of the ledger ({@link RunningTotals}): one item per (day, account, service), the sum of
 * every object's applied version. A total without line items (every version that had it replaced) is no total.
 * Answers are kept for the life of this object, so make one per unit of work.
 */
public final class CostTotals {

    private final DynamoDbClient dynamo;
    private final String table;
    /** What was read, absent groups included (as empty), so nothing is read twice. */
    private final Map<CostKey, Optional<CostTotal>> read = new HashMap<>();

    public CostTotals(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The totals of one usage day, by (day, account, service): one query of that day's groups. */
    public NavigableMap<CostKey, CostTotal> day(LocalDate day) {
        NavigableMap<CostKey, CostTotal> totals = new TreeMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LedgerKeys.totalPk(day)))))
                .items().forEach(item -> total(item).ifPresent(total -> totals.put(key(item), total)));
        return totals;
    }

    /** The total of one group; zero when it has no line items. */
    public CostTotal of(CostKey group) {
        return committed(group).orElse(CostTotal.ZERO);
    }

    /** The total of one group, empty when it has no line items; read with {@link #load} first for many. */
    public Optional<CostTotal> committed(CostKey group) {
        if (!read.containsKey(group)) {
            load(List.of(group));
        }
        return read.get(group);
    }

    /** Reads the totals of these groups, 100 to a BatchGetItem, except those already read. */
    public void load(Collection<CostKey> groups) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (CostKey group : groups) {
            if (read.putIfAbsent(group, Optional.empty()) == null) {
                keys.add(RunningTotals.key(group));
            }
        }
        for (Map<String, AttributeValue> item : DynamoBatches.getAll(dynamo, table, keys)) {
            read.put(key(item), total(item));
        }
    }

    private static CostKey key(Map<String, AttributeValue> item) {
        return new CostKey(LocalDate.parse(item.get("usageDate").s()), item.get("accountId").s(), item.get("service").s());
    }

    private static Optional<CostTotal> total(Map<String, AttributeValue> item) {
        long lineItems = Long.parseLong(item.get("lineItems").n());
        return lineItems == 0 ? Optional.empty()
                : Optional.of(new CostTotal(new BigDecimal(item.get("unblendedCost").n()), lineItems));
    }
}
