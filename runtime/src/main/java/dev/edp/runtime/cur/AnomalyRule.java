package dev.edp.runtime.cur;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * When a day's cost is an anomaly. For each (day, account, service) a report touches: take the committed totals of
 * the same account and service on each of the {@code windowDays} days before it; days with no line items do not
 * count (a missing day is missing data, not zero cost). If at least {@code minHistoryDays} days have totals and their
 * mean is positive, the day is an anomaly when its committed total exceeds {@code factor} times that mean. The
 * day's total is the committed one, over every report, not only this report's share.
 *
 * <p>The comparison is exact, without dividing: total × days &gt; factor × sum of the window's totals. A mean
 * rounded first can tip a day just under the limit over it (three days summing to 10,000,000 and a day of
 * 6,666,666.6666666666 at factor 2: the mean rounded to 16 digits is 3,333,333.333333333, and twice that is less
 * than the day, though the day is less than twice the exact mean). The mean in the notification is rounded to 16 significant digits, for reading only.
 *
 * @param factor         how many times the trailing mean is too much (default 2)
 * @param windowDays     how many days before the day make the trailing window (default 7)
 * @param minHistoryDays how many of them must have totals for a mean to mean anything (default 3)
 */
public record AnomalyRule(BigDecimal factor, int windowDays, int minHistoryDays) {

    public static final AnomalyRule DEFAULT = new AnomalyRule(new BigDecimal("2"), 7, 3);

    /** One anomalous day of one account and service. */
    public record Anomaly(CostKey group, BigDecimal total, BigDecimal trailingMean, int historyDays) {
    }

    /** The anomalies among the report's groups, in key order. */
    public List<Anomaly> find(CurAggregation report, CostTotals totals) {
        totals.load(window(report));
        return find(report, group -> totals.committed(group).orElse(null));
    }

    /** Every total the rule reads for the report: each group's day and the window's days before it. */
    java.util.Set<CostKey> window(CurAggregation report) {
        java.util.Set<CostKey> keys = new java.util.LinkedHashSet<>();
        for (CostKey group : report.totals().keySet()) {
            for (int back = 0; back <= windowDays; back++) {
                keys.add(new CostKey(group.usageDate().minusDays(back), group.accountId(), group.service()));
            }
        }
        return keys;
    }

    /**
     * The anomalies among the report's groups, in key order, with {@code committed} giving the committed total of a
     * (day, account, service), or null for a day without line items.
     */
    List<Anomaly> find(CurAggregation report, Function<CostKey, CostTotal> committed) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (CostKey group : report.totals().keySet()) {
            BigDecimal sum = BigDecimal.ZERO;
            int days = 0;
            for (int back = 1; back <= windowDays; back++) {
                LocalDate day = group.usageDate().minusDays(back);
                CostTotal past = committed.apply(new CostKey(day, group.accountId(), group.service()));
                if (past != null) {
                    sum = sum.add(past.unblendedCost());
                    days++;
                }
            }
            if (days < minHistoryDays || sum.signum() <= 0) { // a mean that is not positive has nothing to exceed
                continue;
            }
            CostTotal today = committed.apply(group);
            BigDecimal total = today == null ? BigDecimal.ZERO : today.unblendedCost();
            if (total.multiply(BigDecimal.valueOf(days)).compareTo(factor.multiply(sum)) > 0) {
                anomalies.add(new Anomaly(group, total, sum.divide(BigDecimal.valueOf(days), MathContext.DECIMAL64), days));
            }
        }
        return anomalies;
    }

    /** A map of the anomaly for a notification body. */
    static Map<String, Object> describe(Anomaly anomaly) {
        return Map.of(
                "usageDate", anomaly.group().usageDate().toString(),
                "accountId", anomaly.group().accountId(),
                "service", anomaly.group().service(),
                "unblendedCost", Amounts.plain(anomaly.total()),
                "trailingMean", Amounts.plain(anomaly.trailingMean()),
                "historyDays", anomaly.historyDays());
    }
}
