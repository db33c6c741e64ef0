package dev.edp.runtime.cur;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static dev.edp.runtime.cur.LedgerKeys.PK;
import static dev.edp.runtime.cur.LedgerKeys.SK;

/**
 * The running-total item of one usage day and account: {@code pk = CUR#TOTAL#<day>}, {@code sk = <account>}, and per
 * service a pair of Number attributes {@code unblendedCost#<service>} and {@code lineItems#<service>}. One item per
 * (day, account) rather than per service, so a report's move writes one item for all the services an account had
 * that day (a single conditional {@code UpdateItem} can {@code ADD} to any number of top-level attributes at once):
 * fewer round trips, and fewer write units, since DynamoDB bills a write by the item's size in 1 KB steps and a
 * total of one service is far below that. Written by {@link RunningTotals}, read by {@link CostTotals}.
 *
 * <p>The item grows with the distinct services of an account on a day (about 60 bytes each plus the service's
 * name), never with the number of reports: a few hundred product codes fit many times in DynamoDB's 400 KB item.
 */
record TotalItem(LocalDate usageDate, String accountId) implements Comparable<TotalItem> {

    static final String COST_PREFIX = "unblendedCost#";
    static final String LINE_ITEMS_PREFIX = "lineItems#";

    static TotalItem of(CostKey group) {
        return new TotalItem(group.usageDate(), group.accountId());
    }

    Map<String, AttributeValue> key() {
        return Map.of(PK, AttributeValue.fromS(LedgerKeys.totalPk(usageDate)),
                SK, AttributeValue.fromS(LedgerKeys.totalSk(accountId)));
    }

    static String costAttribute(String service) {
        return COST_PREFIX + service;
    }

    static String lineItemsAttribute(String service) {
        return LINE_ITEMS_PREFIX + service;
    }

    /** Every service's total in a running-total item, those at zero line items included. */
    static Map<CostKey, CostTotal> totals(Map<String, AttributeValue> item) {
        LocalDate day = LocalDate.parse(item.get("usageDate").s());
        String account = item.get("accountId").s();
        Map<CostKey, CostTotal> totals = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(COST_PREFIX)) {
                String service = name.substring(COST_PREFIX.length());
                AttributeValue lineItems = item.get(lineItemsAttribute(service));
                totals.put(new CostKey(day, account, service), new CostTotal(new BigDecimal(value.n()),
                        lineItems == null ? 0 : Long.parseLong(lineItems.n())));
            }
        });
        return totals;
    }

    @Override
    public int compareTo(TotalItem other) {
        int byDay = usageDate.compareTo(other.usageDate);
        return byDay != 0 ? byDay : accountId.compareTo(other.accountId);
    }
}
