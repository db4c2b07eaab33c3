package io.ferrymq.broker.log.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SegmentScanner} on hand-made files, including the inputs that fuzzing
 * ({@code SegmentRecoveryFuzzTest}) aims at: a length field claiming most of a large (sparse) file
 * must not decide an allocation, and a base offset near {@code Long.MAX_VALUE} must not overflow
 * past the relative-offset check.
 */
class SegmentScannerTest {

    private static final int CLAIMED_BYTES = 48 << 20;

    @TempDir
    Path dir;

    @Test
    void validBatchesAreVisitedInOrderWithTheirHeaders() throws IOException {
        ByteBuffer first = batch(10L, 3, 500L);
        ByteBuffer second = batch(13L, 2, 400L);
        try (FileChannel channel = file(first, second)) {
            List<String> visited = new ArrayList<>();
            ScanResult result = SegmentScanner.scan(channel, 10L,
                    (position, lastOffset, maxTimestamp, size) -> visited.add(position + ":" + lastOffset + ":"
                            + maxTimestamp + ":" + size));

            assertThat(visited).containsExactly("0:12:502:" + first.remaining(),
                    first.remaining() + ":14:401:" + second.remaining());
            assertThat(result).isEqualTo(new ScanResult(first.remaining() + second.remaining(), 15L, 2,
                    java.util.Optional.empty()));
        }
    }

    @Test
    void lengthClaimingMostOfALargeFileIsCheckedWithoutAllocatingIt() throws IOException {
        ByteBuffer good = batch(0L, 2, 100L);
        ByteBuffer lying = batch(2L, 2, 100L);
        lying.putInt(RecordBatch.LENGTH_OFFSET, CLAIMED_BYTES);
        try (FileChannel channel = file(good, lying)) {
            channel.write(ByteBuffer.wrap(new byte[1]), good.remaining() + CLAIMED_BYTES + RecordBatch.LOG_OVERHEAD - 1L);
            long allocatedBefore = allocatedBytes();
            ScanResult result = SegmentScanner.scan(channel, 0L, (position, lastOffset, maxTimestamp, size) -> { });
            long allocated = allocatedBytes() - allocatedBefore;

            assertThat(result.batches()).isEqualTo(1);
            assertThat(result.validBytes()).isEqualTo(good.remaining());
            assertThat(result.problem()).get().asString().contains("CRC");
            assertThat(allocated).isLessThan(4L << 20);
        }
    }

    @Test
    void firstBatchWhoseLastOffsetOverflowsALongIsInvalid() throws IOException {
        ByteBuffer overflowing = batch(0L, 3, 100L);
        overflowing.putLong(0, Long.MAX_VALUE - 1);
        try (FileChannel channel = file(overflowing)) {
            ScanResult result = SegmentScanner.scan(channel, 0L, (position, lastOffset, maxTimestamp, size) -> { });

            assertThat(result.batches()).isZero();
            assertThat(result.validBytes()).isZero();
            assertThat(result.nextOffset()).isZero();
        }
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private FileChannel file(ByteBuffer... batches) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("00000000000000000000.log"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        for (ByteBuffer batch : batches) {
            channel.write(batch.duplicate());
        }
        return channel;
    }

    private static ByteBuffer batch(long baseOffset, int records, long timestamp) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp + i, null, new byte[]{(byte) i});
        }
        builder.build();
        ByteBuffer batch = builder.buffer().flip();
        batch.putLong(0, baseOffset);
        return batch;
    }
}
