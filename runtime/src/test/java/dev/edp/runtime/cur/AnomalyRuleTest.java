package dev.edp.runtime.cur;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AnomalyRuleTest {

    private static final LocalDate DAY = LocalDate.of(2024, 1, 8);
    private static final AnomalyRule RULE = AnomalyRule.DEFAULT; // factor 2, 7 days back, 3 of them with totals

    private final Map<CostKey, CostTotal> committed = new HashMap<>();

    @Test
    void aDayJustUnderTwiceTheExactMeanIsNotAnAnomalyThoughTwiceTheRoundedMeanIsLess() {
        history("3333333.3333333333", "3333333.3333333333", "3333333.3333333334"); // sum 10,000,000, mean 3,333,333.33...

        // 6666666.6666666666 × 3 = 19999999.9999999998 < 2 × 10,000,000; a mean rounded to 16 digits (3333333.333333333)
        // doubled is 6666666.666666666, less than the day: the rounded rule called this an anomaly.
        assertThat(anomalies("6666666.6666666666")).isEmpty();
        assertThat(anomalies("6666666.6666666667")).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.total()).isEqualByComparingTo("6666666.6666666667");
            assertThat(anomaly.trailingMean()).isEqualByComparingTo("3333333.333333333"); // for reading: 16 digits
            assertThat(anomaly.historyDays()).isEqualTo(3);
        });
    }

    @Test
    void exactlyTheFactorTimesTheMeanIsNotAnAnomaly() {
        history("10", "20", "30");

        assertThat(anomalies("40")).isEmpty();
        assertThat(anomalies("40.0000000000000000000000000001")).hasSize(1);
    }

    @Test
    void daysWithoutLineItemsDoNotCountAndTooFewDaysMakeNoMean() {
        committed.put(key(DAY.minusDays(1)), new CostTotal(new BigDecimal("1"), 1));
        committed.put(key(DAY.minusDays(7)), new CostTotal(new BigDecimal("1"), 1));
        committed.put(key(DAY.minusDays(8)), new CostTotal(new BigDecimal("1"), 1)); // outside the window

        assertThat(anomalies("1000")).as("two days of history, three needed").isEmpty();

        committed.put(key(DAY.minusDays(4)), new CostTotal(new BigDecimal("4"), 1));
        assertThat(anomalies("4.01")).as("mean of 3 days: 2, not of 7 days").hasSize(1);
        assertThat(anomalies("4")).isEmpty();
    }

    @Test
    void aWindowThatSumsToZeroOrLessHasNoMeanToExceed() {
        history("5", "-5", "0");

        assertThat(anomalies("1000")).isEmpty();
    }

    /** Totals on the days 1, 2, 3 ... before {@link #DAY}. */
    private void history(String... totals) {
        for (int back = 1; back <= totals.length; back++) {
            committed.put(key(DAY.minusDays(back)), new CostTotal(new BigDecimal(totals[back - 1]), 1));
        }
    }

    /** The anomalies of a report of {@link #DAY} whose committed total is {@code total}. */
    private List<AnomalyRule.Anomaly> anomalies(String total) {
        CostTotal today = new CostTotal(new BigDecimal(total), 1);
        committed.put(key(DAY), today);
        CurAggregation report = new CurAggregation("report.csv", CurLayout.LEGACY, 1, new TreeMap<>(Map.of(key(DAY), today)));
        return RULE.find(report, committed::get);
    }

    private static CostKey key(LocalDate day) {
        return new CostKey(day, "111111111111", "AmazonEC2");
    }
}
