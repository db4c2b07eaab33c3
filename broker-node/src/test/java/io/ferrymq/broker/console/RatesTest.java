package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RatesTest {

    private static MetricsSnapshot at(long timeMs, Map<String, Long> counts) {
        return new MetricsSnapshot(timeMs, Map.of(), counts, Optional.empty());
    }

    @Test
    void rateIsTheCountGrowthPerSecondBetweenTwoSnapshots() {
        Map<String, Double> rates = Rates.between(at(1_000, Map.of("m", 10L)), at(3_000, Map.of("m", 50L)));

        assertThat(rates).containsExactly(Map.entry("m", 20.0));
    }

    @Test
    void aShrunkOrNewMeterAndZeroElapsedTimeHaveNoRate() {
        assertThat(Rates.between(at(1_000, Map.of("shrunk", 10L)), at(2_000, Map.of("shrunk", 3L, "new", 5L)))).isEmpty();
        assertThat(Rates.between(at(1_000, Map.of("m", 1L)), at(1_000, Map.of("m", 9L)))).isEmpty();
    }
}
