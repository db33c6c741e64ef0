package dev.edp.cli.local.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Nearest-rank percentiles of measured durations. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) of the values, by the nearest-rank method; empty for no values. */
    public static Optional<Duration> of(List<Duration> values, double p) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }
}
