package dev.edp.runtime.cur;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The totals of one cost report: per (usage day, account, service), sorted by those three.
 *
 * @param file      the file's name, for messages
 * @param layout    the header layout it was written in
 * @param lineItems how many line items (data rows) it has
 * @param totals    the totals, sorted by key
 */
public record CurAggregation(String file, CurLayout layout, long lineItems, NavigableMap<CostKey, CostTotal> totals) {

    public CurAggregation {
        totals = Collections.unmodifiableNavigableMap(totals);
    }

    /** The exact sum of every line item's unblended cost. */
    public BigDecimal grandTotal() {
        return totals.values().stream().map(CostTotal::unblendedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The usage days the report covers. */
    public SortedSet<LocalDate> days() {
        SortedSet<LocalDate> days = new TreeSet<>();
        totals.keySet().forEach(key -> days.add(key.usageDate()));
        return days;
    }

    /** The totals of one usage day. */
    public NavigableMap<CostKey, CostTotal> day(LocalDate day) {
        return totals.subMap(new CostKey(day, "", ""), true, new CostKey(day.plusDays(1), "", ""), false);
    }
}
