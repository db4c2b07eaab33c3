package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.log.LeaderEpochCache.EpochEndOffset;
import io.ferrymq.broker.log.LeaderEpochCache.EpochEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {

    @TempDir
    Path tempDir;

    private LeaderEpochCache cache() {
        return LeaderEpochCache.open(tempDir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT));
    }

    @Test
    void assignKeepsEpochsIncreasingAndIsCheckpointedInKafkasFormat() throws Exception {
        LeaderEpochCache cache = cache();
        cache.assign(1, 0);
        cache.assign(1, 5);
        cache.assign(0, 7);
        cache.assign(3, 10);
        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 10));
        assertThat(cache.latestEpoch()).hasValue(3);
        assertThat(Files.readString(tempDir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT))).isEqualTo("0\n2\n1 0\n3 10\n");
        assertThat(cache().entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 10));
    }

    @Test
    void endOffsetForAnswersLikeKafka() {
        LeaderEpochCache cache = cache();
        cache.assign(2, 10);
        cache.assign(4, 20);
        cache.assign(6, 30);
        assertThat(cache.endOffsetFor(6, 42)).isEqualTo(new EpochEndOffset(6, 42));
        assertThat(cache.endOffsetFor(4, 42)).isEqualTo(new EpochEndOffset(4, 30));
        assertThat(cache.endOffsetFor(5, 42)).isEqualTo(new EpochEndOffset(4, 30));
        assertThat(cache.endOffsetFor(1, 42)).isEqualTo(new EpochEndOffset(1, 10));
        assertThat(cache.endOffsetFor(7, 42)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(-1, 42)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.epochForOffset(25)).hasValue(4);
        assertThat(cache.epochForOffset(5)).isEmpty();
    }

    @Test
    void truncationFromEndAndStart() {
        LeaderEpochCache cache = cache();
        cache.assign(1, 0);
        cache.assign(2, 10);
        cache.assign(3, 20);
        cache.truncateFromEnd(20);
        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(2, 10));
        cache.truncateFromStart(15);
        assertThat(cache.entries()).containsExactly(new EpochEntry(2, 15));
        assertThat(cache().entries()).containsExactly(new EpochEntry(2, 15));
        cache.clear();
        assertThat(cache().entries()).isEmpty();
    }

    @Test
    void corruptCheckpointStartsEmpty() throws Exception {
        Files.writeString(tempDir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT), "0\n3\n1 0\n");
        assertThat(cache().entries()).isEmpty();
    }
}
