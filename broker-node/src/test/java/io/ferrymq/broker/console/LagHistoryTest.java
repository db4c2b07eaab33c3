package io.ferrymq.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagHistoryTest {

    @Test
    void keepsPointsOfTheWindowOldestFirstAndDropsOlderOnes() {
        LagHistory history = new LagHistory(Duration.ofSeconds(10));

        history.record(0, Map.of("g", 5L));
        history.record(6_000, Map.of("g", 7L));
        history.record(12_000, Map.of("g", 1L));

        assertThat(history.points("g")).containsExactly(new LagHistory.Point(6_000, 7), new LagHistory.Point(12_000, 1));
    }

    @Test
    void aGroupNotRecordedForAWholeWindowDisappears() {
        LagHistory history = new LagHistory(Duration.ofSeconds(10));
        history.record(0, Map.of("gone", 5L));

        history.record(20_000, Map.of("other", 1L));

        assertThat(history.points("gone")).isEmpty();
        assertThat(history.points("other")).hasSize(1);
    }
}
