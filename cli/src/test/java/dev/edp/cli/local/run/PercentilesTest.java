package dev.edp.cli.local.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRank() {
        List<Duration> hundred = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();

        assertThat(Percentiles.of(hundred, 50)).contains(Duration.ofMillis(50));
        assertThat(Percentiles.of(hundred, 99)).contains(Duration.ofMillis(99));
        assertThat(Percentiles.of(List.of(Duration.ofSeconds(3), Duration.ofSeconds(1)), 99)).contains(Duration.ofSeconds(3));
        assertThat(Percentiles.of(List.of(Duration.ofSeconds(3), Duration.ofSeconds(1)), 50)).contains(Duration.ofSeconds(1));
        assertThat(Percentiles.of(List.of(), 50)).isEmpty();
    }
}
