package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.record.HostileBatches;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: one append carrying a batch whose header claims more offsets than it holds (CRC
 * recomputed, so only a record-by-record check could tell) followed by a normal batch. Whether
 * validation or the segment refuses it, nothing may reach the disk: no bytes past the log end, no
 * rolled segment left behind, the next append lands at the log end and reads back, and an unclean
 * restart keeps every acknowledged record.
 */
class LyingBatchAppendTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);

    /** A batch of one real record whose header claims {@code claimedRecords}. */
    static ByteBuffer lyingBatch(int claimedRecords) {
        ByteBuffer lying = batch(90, 1, 500L, 10);
        lying.putInt(RecordBatch.RECORD_COUNT_OFFSET, claimedRecords);
        lying.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, claimedRecords - 1);
        HostileBatches.fixCrc(lying);
        return lying;
    }

    @Test
    void lyingBatchThenNormalBatchLeavesNoBytesPastTheLogEnd() throws IOException {
        Path dir = tempDir.resolve("t-0");
        LogConfig config = LogConfig.defaults(tempDir).withIndex(0, 4096);
        PartitionLog log = PartitionLog.open(dir, config, clock, 0L, true);
        log.appendAsLeader(batch(1, 3, 100L, 10), 0);
        long sizeBefore = Files.size(LogFiles.logFile(dir, 0));

        assertThatThrownBy(() -> log.appendAsLeader(HostileBatches.concat(lyingBatch(Integer.MAX_VALUE), batch(2, 2, 200L, 10)), 0))
                .isInstanceOf(CorruptRecordException.class);

        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L);
        assertThat(Files.exists(LogFiles.logFile(dir, 3))).isFalse();
        assertThat(Files.size(LogFiles.logFile(dir, 0))).isEqualTo(sizeBefore);
        assertThat(log.appendAsLeader(batch(3, 2, 300L, 10), 0).firstOffset()).isEqualTo(3);
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
        log.flush();

        PartitionLog reopened = PartitionLog.open(dir, config, clock, 0L, false);
        try {
            assertThat(reopened.logEndOffset()).isEqualTo(5);
            assertThat(readAll(reopened, 0)).extracting(r -> valueString(r).substring(0, 4))
                    .containsExactly("1/0:", "1/1:", "1/2:", "3/0:", "3/1:");
        } finally {
            reopened.close();
        }
    }
}
