package io.ferrymq.tools.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResetPlannerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final Map<TopicPartition, Long> EARLIEST = Map.of(P0, 10L, P1, 0L);
    private static final Map<TopicPartition, Long> LATEST = Map.of(P0, 100L, P1, 50L);
    private static final Map<TopicPartition, Long> CURRENT = Map.of(P0, 40L);

    @Test
    void earliestLatestAndAbsoluteOffsetsAreClampedToTheLog() {
        assertThat(plan(new ResetSpec.ToEarliest())).containsEntry(P0, 10L).containsEntry(P1, 0L);
        assertThat(plan(new ResetSpec.ToLatest())).containsEntry(P0, 100L).containsEntry(P1, 50L);
        assertThat(plan(new ResetSpec.ToOffset(70))).containsEntry(P0, 70L).containsEntry(P1, 50L);
        assertThat(plan(new ResetSpec.ToOffset(3))).containsEntry(P0, 10L).containsEntry(P1, 3L);
    }

    @Test
    void shiftsMoveFromTheCommittedOffsetOrTheLogStart() {
        assertThat(plan(new ResetSpec.ShiftBy(-5))).containsEntry(P0, 35L).containsEntry(P1, 0L);
        assertThat(plan(new ResetSpec.ShiftBy(1000))).containsEntry(P0, 100L).containsEntry(P1, 50L);
    }

    @Test
    void aTimeAfterTheLastRecordMeansTheLogEnd() {
        Map<TopicPartition, Long> plan = ResetPlanner.plan(new ResetSpec.ToDatetime(5), List.of(P0, P1), CURRENT,
                EARLIEST, LATEST, Map.of(P0, 60L));
        assertThat(plan).containsEntry(P0, 60L).containsEntry(P1, 50L);
    }

    @Test
    void datetimesParseAsInstantLocalUtcOrEpochMillis() {
        assertThat(ResetSpec.datetime("1970-01-01T00:00:01Z").timestampMs()).isEqualTo(1000);
        assertThat(ResetSpec.datetime("1970-01-01T00:00:02").timestampMs()).isEqualTo(2000);
        assertThat(ResetSpec.datetime("1970-01-01T01:00:00+01:00").timestampMs()).isEqualTo(0);
        assertThat(ResetSpec.datetime("1234").timestampMs()).isEqualTo(1234);
        assertThatThrownBy(() -> ResetSpec.datetime("yesterday")).hasMessageContaining("'yesterday'");
    }

    private static Map<TopicPartition, Long> plan(ResetSpec spec) {
        return ResetPlanner.plan(spec, List.of(P0, P1), CURRENT, EARLIEST, LATEST, Map.of());
    }
}
