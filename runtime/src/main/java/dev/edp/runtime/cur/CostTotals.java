package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import static dev.edp.runtime.cur.LedgerKeys.PK;
import static dev.edp.runtime.cur.LedgerKeys.SK;

/**
 * Reads daily totals from the ledger: the sum, per account and service, of the contributions that belong to the
 * committed version of their object (see {@link CostLedger}). One query per day plus one batch read of the heads
 * it mentions; answers are kept for the life of this object, so make one per unit of work.
 */
public final class CostTotals {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<LocalDate, NavigableMap<CostKey, CostTotal>> days = new HashMap<>();
    private final Map<String, String> committedTags = new HashMap<>();

    public CostTotals(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The committed totals of one usage day, by (day, account, service). */
    public NavigableMap<CostKey, CostTotal> day(LocalDate day) {
        NavigableMap<CostKey, CostTotal> totals = days.get(day);
        if (totals == null) {
            totals = read(day);
            days.put(day, totals);
        }
        return totals;
    }

    /** The committed total of one group; zero when nothing is recorded. */
    public CostTotal of(CostKey group) {
        return day(group.usageDate()).getOrDefault(group, CostTotal.ZERO);
    }

    private NavigableMap<CostKey, CostTotal> read(LocalDate day) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(LedgerKeys.dayPk(day)))))
                .items().forEach(items::add);
        loadHeads(items.stream().map(item -> item.get("objectId").s()).collect(java.util.stream.Collectors.toSet()));
        NavigableMap<CostKey, CostTotal> totals = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("versionTag").s().equals(committedTags.get(item.get("objectId").s()))) {
                continue; // not committed yet, or replaced by a newer version of its object
            }
            CostKey key = new CostKey(day, item.get("accountId").s(), item.get("service").s());
            CostTotal total = new CostTotal(new BigDecimal(item.get("unblendedCost").n()),
                    Long.parseLong(item.get("lineItems").n()));
            totals.merge(key, total, CostTotal::plus);
        }
        return totals;
    }

    private void loadHeads(Set<String> objectIds) {
        List<Map<String, AttributeValue>> keys = objectIds.stream()
                .filter(id -> !committedTags.containsKey(id))
                .map(id -> Map.of(PK, AttributeValue.fromS(LedgerKeys.headPk(id)), SK, AttributeValue.fromS(LedgerKeys.HEAD)))
                .toList();
        objectIds.forEach(id -> committedTags.putIfAbsent(id, ""));
        for (Map<String, AttributeValue> head : DynamoBatches.getAll(dynamo, table, keys)) {
            committedTags.put(head.get("objectId").s(), head.get("versionTag").s());
        }
    }
}
