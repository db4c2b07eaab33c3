package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.HostileBatches;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private PartitionLog log;

    @BeforeEach
    void open() {
        log = PartitionLog.open(tempDir.resolve("t-0"), LogConfig.defaults(tempDir), clock, 0L, true);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void leaderAppendAssignsOffsetsAndStampsTheEpoch() {
        LogAppendInfo first = log.appendAsLeader(batch(1, 3, 100L, 10), 5);
        LogAppendInfo second = log.appendAsLeader(batch(2, 2, 200L, 10), 6);

        assertThat(first.firstOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(first.recordCount()).isEqualTo(3);
        assertThat(first.maxTimestamp()).isEqualTo(102L);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(5);
        List<RecordBatch> batches = batches(log.read(0, 1 << 20, Long.MAX_VALUE, false).records().readFully());
        assertThat(batches).extracting(RecordBatch::baseOffset).containsExactly(0L, 3L);
        assertThat(batches).extracting(RecordBatch::partitionLeaderEpoch).containsExactly(5, 6);
        assertThat(batches).allMatch(RecordBatch::isValid);
        assertThat(log.leaderEpochCache().entries()).containsExactly(
                new LeaderEpochCache.EpochEntry(5, 0), new LeaderEpochCache.EpochEntry(6, 3));
        assertThat(readAll(log, 0)).extracting(r -> valueString(r).substring(0, 4))
                .containsExactly("1/0:", "1/1:", "1/2:", "2/0:", "2/1:");
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void readReturnsWholeBatchesWithinMaxBytesAndTheHighWatermark() {
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(i, 2, 10L * i, 100), 0);
        }
        int batchSize = batch(0, 2, 0L, 100).remaining();

        LogReadInfo limited = log.read(4, batchSize * 3 + 10, Long.MAX_VALUE, false);
        assertThat(batches(limited.records().readFully())).extracting(RecordBatch::baseOffset)
                .containsExactly(4L, 6L, 8L);
        assertThat(limited.nextOffset()).isEqualTo(10);

        LogReadInfo middle = log.read(5, batchSize, Long.MAX_VALUE, false);
        assertThat(batches(middle.records().readFully())).extracting(RecordBatch::baseOffset).containsExactly(4L);

        assertThat(log.read(4, batchSize - 1, Long.MAX_VALUE, false).records().isEmpty()).isTrue();
        assertThat(log.read(4, 1, Long.MAX_VALUE, true).records().size()).isEqualTo(batchSize);

        LogReadInfo belowHw = log.read(0, 1 << 20, 7, false);
        assertThat(batches(belowHw.records().readFully())).extracting(RecordBatch::lastOffset)
                .containsExactly(1L, 3L, 5L);
        assertThat(log.read(20, 100, Long.MAX_VALUE, true).records().isEmpty()).isTrue();
        assertThatThrownBy(() -> log.read(21, 100, Long.MAX_VALUE, true))
                .isInstanceOf(OffsetOutOfRangeException.class).hasMessageContaining("21");
    }

    @Test
    void badBatchesAreRefusedWithSpecificErrorsAndChangeNothing() throws Exception {
        log.appendAsLeader(batch(1, 3, 100L, 10), 0);
        long sizeBefore = Files.size(LogFiles.logFile(log.dir(), 0));
        ByteBuffer good = batch(2, 2, 100L, 10);

        ByteBuffer badCrc = copy(good);
        badCrc.put(badCrc.limit() - 1, (byte) (badCrc.get(badCrc.limit() - 1) ^ 1));
        ByteBuffer lyingLength = copy(good);
        lyingLength.putInt(RecordBatch.LENGTH_OFFSET, lyingLength.getInt(RecordBatch.LENGTH_OFFSET) + 100);
        ByteBuffer deltaPastCount = copy(good);
        deltaPastCount.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 5);
        HostileBatches.fixCrc(deltaPastCount);
        ByteBuffer goodThenCut = ByteBuffer.allocate(good.remaining() * 2 - 7);
        goodThenCut.put(good.duplicate()).put(good.duplicate().limit(good.remaining() - 7)).flip();

        assertThatThrownBy(() -> log.appendAsLeader(badCrc, 0)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("CRC");
        assertThatThrownBy(() -> log.appendAsLeader(lyingLength, 0)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("declares length");
        assertThatThrownBy(() -> log.appendAsLeader(deltaPastCount, 0)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("last offset delta 5 but 2 records");
        assertThatThrownBy(() -> log.appendAsLeader(goodThenCut, 0)).isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("cut");
        assertThatThrownBy(() -> log.appendAsLeader(ByteBuffer.allocate(0), 0))
                .isInstanceOf(CorruptRecordException.class);

        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(Files.size(LogFiles.logFile(log.dir(), 0))).isEqualTo(sizeBefore);
        assertThat(readAll(log, 0)).hasSize(3);
    }

    @Test
    void batchOverMessageMaxBytesIsRefused() {
        PartitionLog small = PartitionLog.open(tempDir.resolve("small-0"),
                LogConfig.defaults(tempDir).withMessageMaxBytes(500), clock, 0L, true);
        try {
            assertThatThrownBy(() -> small.appendAsLeader(batch(1, 1, 0L, 600), 0))
                    .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("message.max.bytes");
            assertThat(small.logEndOffset()).isZero();
        } finally {
            small.close();
        }
    }

    @Test
    void everyCodecIsAcceptedAndReadsBack() {
        int id = 0;
        for (CompressionType codec : CompressionType.values()) {
            log.appendAsLeader(batch(id++, 5, 0L, 50, codec), 0);
        }
        List<Record> records = readAll(log, 0);
        assertThat(records).hasSize(5 * CompressionType.values().length);
        assertThat(valueString(records.get(records.size() - 1))).startsWith("4/4:");
    }

    @Test
    void followerAppendKeepsOffsetsAndEpochsAndMustStartAtTheLogEnd() {
        ByteBuffer fromLeader = batch(1, 3, 0L, 10);
        RecordBatch view = RecordBatch.wrap(fromLeader);
        view.setPartitionLeaderEpoch(4);
        log.appendAsFollower(fromLeader);
        ByteBuffer next = batch(2, 2, 0L, 10);
        RecordBatch.wrap(next).setBaseOffset(3);
        RecordBatch.wrap(next).setPartitionLeaderEpoch(7);
        log.appendAsFollower(next);

        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.leaderEpochCache().entries()).containsExactly(
                new LeaderEpochCache.EpochEntry(4, 0), new LeaderEpochCache.EpochEntry(7, 3));
        ByteBuffer overlap = batch(3, 1, 0L, 10);
        RecordBatch.wrap(overlap).setBaseOffset(4);
        assertThatThrownBy(() -> log.appendAsFollower(overlap)).isInstanceOf(UnexpectedAppendOffsetException.class)
                .hasMessageContaining("starts at offset 4 but the log ends at 5");
        ByteBuffer gap = batch(3, 1, 0L, 10);
        RecordBatch.wrap(gap).setBaseOffset(9);
        log.appendAsFollower(gap);
        assertThat(log.logEndOffset()).as("a gap the leader's cleaner left is kept, as Kafka does").isEqualTo(10);
    }

    @Test
    void readOnlyBuffersAreCopiedAndTheCallersPositionIsUntouched() {
        ByteBuffer bytes = batch(1, 2, 0L, 10);
        int position = bytes.position();
        log.appendAsLeader(bytes.asReadOnlyBuffer(), 0);
        log.appendAsLeader(bytes, 0);
        assertThat(bytes.position()).isEqualTo(position);
        assertThat(readAll(log, 0)).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void flushIntervalOfOneMessageMovesTheRecoveryPointOnEveryAppend() {
        PartitionLog synced = PartitionLog.open(tempDir.resolve("synced-0"),
                LogConfig.defaults(tempDir).withFlush(1, Long.MAX_VALUE), clock, 0L, true);
        try {
            synced.appendAsLeader(batch(1, 3, 0L, 10), 0);
            assertThat(synced.recoveryPoint()).isEqualTo(3);
            assertThat(log.recoveryPoint()).isZero();
            log.appendAsLeader(batch(1, 3, 0L, 10), 0);
            assertThat(log.recoveryPoint()).isZero();
        } finally {
            synced.close();
        }
    }

    static List<RecordBatch> batches(ByteBuffer bytes) {
        List<RecordBatch> list = new java.util.ArrayList<>();
        RecordBatches.wrap(bytes).forEach(list::add);
        return list;
    }

    static ByteBuffer copy(ByteBuffer original) {
        ByteBuffer copy = ByteBuffer.allocate(original.remaining());
        copy.put(original.duplicate()).flip();
        return copy;
    }
}
