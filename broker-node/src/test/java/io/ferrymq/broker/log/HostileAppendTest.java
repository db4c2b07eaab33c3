package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static io.ferrymq.broker.log.TestBatches.readAll;
import static io.ferrymq.broker.log.TestBatches.valueString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.HostileBatches;
import io.ferrymq.common.errors.InvalidRecordException;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.errors.RecordTooLargeException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile batches of issue 14 against a leader's log: each is refused with its error before a
 * byte is written, the log end does not move, and good appends afterwards land at the next offsets
 * and read back, also after an unclean reopen.
 */
class HostileAppendTest {

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final LogConfig config = LogConfig.defaults(Path.of("unused")).withMessageMaxDecompressedBytes(8L * 1024 * 1024);
    private PartitionLog log;

    @BeforeEach
    void open() {
        log = PartitionLog.open(tempDir.resolve("t-0"), config, clock, 0L, true);
        log.appendAsLeader(batch(1, 3, 100L, 10), 0);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void aLyingRecordCountIsRefusedAndTheLogEndStays() {
        assertRefusedWithoutTrace(HostileBatches.lyingCount(), InvalidRecordException.class, "records section ends");
    }

    @Test
    void noiseUnderAValidCrcIsRefusedAndNeverReachesAConsumer() {
        assertRefusedWithoutTrace(HostileBatches.noise(10, 300, 42), InvalidRecordException.class, "record 0");
    }

    @Test
    void aCompressionBombIsRefusedAtTheCap() {
        assertRefusedWithoutTrace(HostileBatches.bomb(40, 1024 * 1024), RecordTooLargeException.class,
                "message.max.decompressed.bytes");
    }

    @Test
    void aLyingBatchFollowedByANormalOneInOneAppendWritesNothing() {
        ByteBuffer lying = HostileBatches.lyingCount();
        ByteBuffer normal = batch(2, 2, 200L, 10);
        ByteBuffer pair = ByteBuffer.allocate(lying.remaining() + normal.remaining()).put(lying).put(normal).flip();
        assertRefusedWithoutTrace(pair, InvalidRecordException.class, "batch at position 0");
    }

    @Test
    void aFollowerAppendsACompressedBatchWithoutInflatingIt() {
        PartitionLog follower = PartitionLog.open(tempDir.resolve("f-0"),
                config.withMessageMaxDecompressedBytes(1L), clock, 0L, true);
        try {
            ByteBuffer leaderCopy = batch(3, 5, 300L, 100, CompressionType.GZIP);
            follower.appendAsFollower(leaderCopy);
            assertThat(follower.logEndOffset()).isEqualTo(5);
        } finally {
            follower.close();
        }
    }

    private void assertRefusedWithoutTrace(ByteBuffer hostile, Class<? extends Exception> error, String message) {
        long sizeBefore = log.sizeInBytes();
        assertThatThrownBy(() -> log.appendAsLeader(hostile, 0)).isInstanceOf(error).hasMessageContaining(message);
        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(log.sizeInBytes()).isEqualTo(sizeBefore);

        log.appendAsLeader(batch(9, 100, 900L, 10), 0);
        assertThat(log.logEndOffset()).isEqualTo(103);
        Path dir = log.dir();
        log.close();
        log = PartitionLog.open(dir, config, clock, 0L, false);
        List<Record> records = readAll(log, 0);
        assertThat(records).extracting(Record::offset).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 103).boxed().toList());
        assertThat(valueString(records.get(3))).startsWith("9/0:");
        assertThat(Files.exists(dir)).isTrue();
    }
}
