package io.ferrymq.broker.log.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    private static final List<SegmentInfo> SEGMENTS = List.of(new SegmentInfo(0, 100, 1_000),
            new SegmentInfo(10, 100, 2_000), new SegmentInfo(20, 100, 3_000), new SegmentInfo(30, 50, 4_000));

    @Test
    void timeRetentionDeletesTheExpiredPrefixButNeverTheActiveSegment() {
        assertThat(new RetentionPolicy(1_500, -1).segmentsToDelete(SEGMENTS, 4_000)).isEqualTo(2);
        assertThat(new RetentionPolicy(1, -1).segmentsToDelete(SEGMENTS, 1_000_000)).isEqualTo(3);
        assertThat(new RetentionPolicy(-1, -1).segmentsToDelete(SEGMENTS, 1_000_000)).isZero();
    }

    @Test
    void sizeRetentionKeepsAtLeastTheLimit() {
        assertThat(new RetentionPolicy(-1, 250).segmentsToDelete(SEGMENTS, 0)).isEqualTo(1);
        assertThat(new RetentionPolicy(-1, 150).segmentsToDelete(SEGMENTS, 0)).isEqualTo(2);
        assertThat(new RetentionPolicy(-1, 0).segmentsToDelete(SEGMENTS, 0)).isEqualTo(3);
        assertThat(new RetentionPolicy(-1, 1000).segmentsToDelete(SEGMENTS, 0)).isZero();
    }

    @Test
    void theLargerOfBothWins() {
        assertThat(new RetentionPolicy(2_500, 300).segmentsToDelete(SEGMENTS, 4_000)).isEqualTo(1);
        assertThat(new RetentionPolicy(100_000, 150).segmentsToDelete(SEGMENTS, 4_000)).isEqualTo(2);
    }
}
