package dev.edp.runtime.cur;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * What costs are summed by: the UTC day of the line item's usage start, the usage account and the product code.
 */
public record CostKey(LocalDate usageDate, String accountId, String service) implements Comparable<CostKey> {

    private static final Comparator<CostKey> ORDER = Comparator.comparing(CostKey::usageDate)
            .thenComparing(CostKey::accountId)
            .thenComparing(CostKey::service);

    @Override
    public int compareTo(CostKey other) {
        return ORDER.compare(this, other);
    }
}
