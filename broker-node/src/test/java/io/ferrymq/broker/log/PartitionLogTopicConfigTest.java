package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.RecordTooLargeException;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live log whose topic's configs change: every change applies from the next operation, no reopening. */
class PartitionLogTopicConfigTest {

    private static final long NOW = 5_000_000L;

    @TempDir
    Path tempDir;

    private final MutableClock clock = new MutableClock(NOW);
    private LogConfig broker;
    private PartitionLog log;

    @BeforeEach
    void open() {
        broker = LogConfig.defaults(tempDir);
        log = PartitionLog.open(tempDir.resolve("t-0"), broker, clock, 0L, true);
    }

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void aSmallerSegmentBytesRollsTheLiveLog() {
        for (int i = 0; i < 5; i++) {
            log.appendAsLeader(batch(i, 2, NOW, 200), 0);
        }
        assertThat(log.segmentCount()).isEqualTo(1);

        log.updateConfig(TopicLogConfig.merge(broker, Map.of("segment.bytes", "1024")));
        for (int i = 5; i < 15; i++) {
            log.appendAsLeader(batch(i, 2, NOW, 200), 0);
        }
        assertThat(log.segmentCount()).isGreaterThanOrEqualTo(4);
        assertThat(log.config().segmentBytes()).isEqualTo(1024);
    }

    @Test
    void aShorterRetentionMsDeletesOldSegmentsOfTheLiveLog() {
        log.updateConfig(TopicLogConfig.merge(broker, Map.of("segment.bytes", "1024")));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(i, 2, NOW - 120_000L, 200), 0);
        }
        int segments = log.segmentCount();
        assertThat(log.deleteRetainedSegments()).as("a week of broker retention keeps them").isZero();

        log.updateConfig(TopicLogConfig.merge(broker, Map.of("segment.bytes", "1024", "retention.ms", "60000")));
        assertThat(log.deleteRetainedSegments()).isEqualTo(segments - 1);
        assertThat(log.logStartOffset()).isEqualTo(log.segmentBaseOffsets().get(0)).isPositive();
    }

    @Test
    void aSmallerMaxMessageBytesRefusesLargerBatchesAndALargerOneAcceptsThemAgain() {
        ByteBuffer big = batch(1, 4, NOW, 400);
        log.updateConfig(TopicLogConfig.merge(broker, Map.of("max.message.bytes", "1000")));
        assertThatThrownBy(() -> log.appendAsLeader(big.duplicate(), 0)).isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("1000");
        assertThat(log.logEndOffset()).isZero();

        log.updateConfig(TopicLogConfig.merge(broker, Map.of("max.message.bytes", "4000")));
        assertThat(log.appendAsLeader(big.duplicate(), 0).lastOffset()).isEqualTo(3L);
    }

    @Test
    void logAppendTimeStampsEveryBatchWithTheLeadersClockInAFormKafkaReads() {
        log.updateConfig(TopicLogConfig.merge(broker, Map.of("message.timestamp.type", "LogAppendTime")));
        clock.advance(42);
        log.appendAsLeader(concat(batch(1, 3, 100L, 10), batch(2, 2, 200L, 10, CompressionType.GZIP)), 0);

        ByteBuffer stored = log.read(0, 1 << 20, Long.MAX_VALUE, false).records().readFully();
        List<RecordBatch> ours = new ArrayList<>();
        RecordBatches.wrap(stored.duplicate()).forEach(ours::add);
        assertThat(ours).hasSize(2).allMatch(RecordBatch::isValid)
                .allMatch(b -> b.timestampType() == io.ferrymq.common.record.TimestampType.LOG_APPEND_TIME);
        MemoryRecords kafka = MemoryRecords.readableRecords(stored.duplicate());
        int batches = 0;
        for (org.apache.kafka.common.record.RecordBatch batch : kafka.batches()) {
            batch.ensureValid();
            assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(batch.maxTimestamp()).isEqualTo(NOW + 42);
            for (Record record : batch) {
                assertThat(record.timestamp()).isEqualTo(NOW + 42);
            }
            batches++;
        }
        assertThat(batches).isEqualTo(2);
        assertThat(log.offsetForTimestamp(NOW).orElseThrow().offset()).isZero();
    }

    @Test
    void createTimeKeepsTheProducersTimestampsAndAFollowerKeepsTheLeadersBytes() {
        log.appendAsLeader(batch(1, 2, 100L, 10), 0);
        assertThat(log.maxTimestampRecord().orElseThrow().timestamp()).isEqualTo(101L);

        LogConfig appendTime = TopicLogConfig.merge(broker, Map.of("message.timestamp.type", "LogAppendTime"));
        log.updateConfig(appendTime);
        log.appendAsLeader(batch(2, 2, 100L, 10), 0);
        ByteBuffer leaderBytes = log.read(2, 1 << 20, Long.MAX_VALUE, false).records().readFully();

        try (PartitionLog follower = PartitionLog.open(tempDir.resolve("f-0"), appendTime, clock, 0L, true)) {
            follower.truncateFullyAndStartAt(2);
            clock.advance(1000);
            follower.appendAsFollower(leaderBytes.duplicate());
            ByteBuffer followerBytes = follower.read(2, 1 << 20, Long.MAX_VALUE, false).records().readFully();
            assertThat(followerBytes).isEqualTo(leaderBytes);
        }
    }

    private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        ByteBuffer all = ByteBuffer.allocate(a.remaining() + b.remaining());
        all.put(a).put(b);
        return all.flip();
    }
}
