package io.ferrymq.broker.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterHighWatermarksTest {

    private static final TopicPartition LED = new TopicPartition("t", 0);
    private static final TopicPartition REMOTE = new TopicPartition("t", 1);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final ClusterHighWatermarks highWatermarks = new ClusterHighWatermarks(
            tp -> tp.equals(LED) ? OptionalLong.of(10) : OptionalLong.empty(), INTERVAL, clock);
    private final List<Set<TopicPartition>> asked = new ArrayList<>();

    private void refresh(Map<TopicPartition, Long> answers) {
        highWatermarks.refresh(wanted -> {
            asked.add(wanted);
            return answers;
        });
    }

    @Test
    void aPartitionLedHereIsAnsweredLocallyAndNeverFetched() {
        assertThat(highWatermarks.logEndOffset(LED)).hasValue(10);
        refresh(Map.of());
        assertThat(asked).isEmpty();
    }

    @Test
    void aPartitionLedElsewhereIsUnknownUntilTheNextRefreshFetchesIt() {
        assertThat(highWatermarks.logEndOffset(REMOTE)).isEmpty();
        refresh(Map.of(REMOTE, 42L));
        assertThat(asked).containsExactly(Set.of(REMOTE));
        assertThat(highWatermarks.logEndOffset(REMOTE)).hasValue(42);
    }

    @Test
    void aValueNotRefreshedForThreeIntervalsBecomesUnknown() {
        highWatermarks.logEndOffset(REMOTE);
        refresh(Map.of(REMOTE, 42L));
        clock.advance(INTERVAL.multipliedBy(3).toMillis());
        assertThat(highWatermarks.logEndOffset(REMOTE)).hasValue(42);
        refresh(Map.of());
        clock.advance(1);
        assertThat(highWatermarks.logEndOffset(REMOTE)).as("the leader did not answer: lag unknown").isEmpty();
    }

    @Test
    void aPartitionNobodyAsksForStopsBeingFetched() {
        highWatermarks.logEndOffset(REMOTE);
        refresh(Map.of(REMOTE, 42L));
        clock.advance(INTERVAL.multipliedBy(3).toMillis() + 1);
        refresh(Map.of(REMOTE, 43L));
        assertThat(asked).containsExactly(Set.of(REMOTE));
    }

    @Test
    void anAnswerForAPartitionNotAskedForIsIgnored() {
        highWatermarks.logEndOffset(REMOTE);
        TopicPartition other = new TopicPartition("u", 0);
        refresh(Map.of(REMOTE, 1L, other, 7L));
        clock.advance(1);
        assertThat(highWatermarks.wanted()).containsExactly(REMOTE);
    }
}
