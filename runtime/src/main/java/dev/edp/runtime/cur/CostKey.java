package dev.edp.runtime.cur;

import java.time.LocalDate;

/**
 * What costs are summed by: the UTC day of the line item's usage start, the usage account and the product code.
 */
public record CostKey(LocalDate usageDate, String accountId, String service) implements Comparable<CostKey> {

    /**
     * By day, then account, then service. Spelled out rather than {@code Comparator.comparing(...).thenComparing}:
     * a report's totals are sorted once per process, and the composed lambdas cost a fresh JVM more (their
     * classes spun at run time, three calls deep per comparison in the interpreter) than the sort itself.
     */
    @Override
    public int compareTo(CostKey other) {
        int order = usageDate.compareTo(other.usageDate);
        if (order == 0) {
            order = accountId.compareTo(other.accountId);
        }
        return order != 0 ? order : service.compareTo(other.service);
    }
}
