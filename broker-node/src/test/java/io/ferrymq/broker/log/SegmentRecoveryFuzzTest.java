package io.ferrymq.broker.log;

import io.ferrymq.common.protocol.FuzzTries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.log.index.OffsetIndex;
import io.ferrymq.broker.log.index.TimeIndex;
import io.ferrymq.broker.log.recovery.ScanResult;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzes crash recovery ({@code SegmentScanner} through {@link LogSegment#recover()}): writes a
 * valid segment of random batches, damages the file ({@link SegmentDamage}: bit flips, truncation,
 * garbage tails, zeroed regions, lying lengths, counts and base offsets, a length claiming most of
 * a large sparse file), reopens and recovers it, then checks that recovery threw nothing, allocated
 * less than {@value #MAX_RECOVERY_ALLOCATION} bytes whatever the length fields said, kept exactly
 * the valid prefix of batches (decided independently from the known batch boundaries), truncated
 * the rest, rebuilt indexes and state equal to those of a segment that appended that prefix, and
 * takes a further append (or refuses it precisely when its offsets no longer fit the segment).
 *
 * <p>200 tries in the normal suite. A long run, by hand:
 * {@code mvn -B -pl broker-node -am test -Dtest=SegmentRecoveryFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dferry.fuzz.tries=100000}
 * ({@link FuzzTries}). An input that fails becomes a fixed test in {@code SegmentScannerTest}.
 */
class SegmentRecoveryFuzzTest {

    private static final long MAX_RECOVERY_ALLOCATION = 8L << 20;

    /** One batch to write: its records, their value size, its codec and first timestamp. */
    record BatchSpec(int records, int valueSize, boolean gzip, long timestamp) {
    }

    @Property(tries = 200)
    @AddLifecycleHook(FuzzTries.class)
    void recoveryKeepsExactlyTheValidPrefixAndTheLogGoesOn(@ForAll("batches") List<BatchSpec> specs,
            @ForAll("baseOffsets") long baseOffset, @ForAll("indexIntervals") int indexInterval,
            @ForAll("damages") List<SegmentDamage> damages) throws IOException {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            LogConfig config = LogConfig.defaults(dir).withIndex(indexInterval, 4096);
            List<SegmentDamage.Span> spans = write(dir, baseOffset, config, specs);
            byte[] damaged = damage(LogFiles.logFile(dir, baseOffset), spans, damages);
            int expectedBatches = SegmentDamage.validPrefix(damaged, spans, baseOffset);
            int expectedBytes = expectedBatches == 0 ? 0 : spans.get(expectedBatches - 1).end();

            try (LogSegment segment = LogSegment.open(dir, baseOffset, config, 0L)) {
                long allocatedBefore = allocatedBytes();
                ScanResult result = segment.recover();
                assertThat(allocatedBytes() - allocatedBefore).isLessThan(MAX_RECOVERY_ALLOCATION);

                assertThat(result.batches()).isEqualTo(expectedBatches);
                assertThat(result.validBytes()).isEqualTo(expectedBytes);
                assertThat(Files.readAllBytes(LogFiles.logFile(dir, baseOffset)))
                        .isEqualTo(Arrays.copyOf(damaged, expectedBytes));
                assertIndexesAsIfAppended(segment, damaged, spans.subList(0, expectedBatches), baseOffset, config);
                assertTakesAnAppendThatFits(segment, result.nextOffset(), baseOffset);
            }
        } finally {
            LogFiles.deleteDirectory(dir);
        }
    }

    @Provide
    Arbitrary<List<BatchSpec>> batches() {
        return Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 150),
                Arbitraries.of(true, false, false, false), Arbitraries.longs().between(-1L, 2_000_000L))
                .as(BatchSpec::new).list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Long> baseOffsets() {
        return Arbitraries.oneOf(Arbitraries.of(0L, 100L, (long) Integer.MAX_VALUE),
                Arbitraries.longs().between(0L, 1L << 50));
    }

    @Provide
    Arbitrary<Integer> indexIntervals() {
        return Arbitraries.of(0, 100, 400, 4096);
    }

    @Provide
    Arbitrary<List<SegmentDamage>> damages() {
        return SegmentDamage.arbitrary().list().ofMinSize(1).ofMaxSize(3);
    }

    /** Appends the batches one by one to a new segment; returns where each lies in the file. */
    private static List<SegmentDamage.Span> write(Path dir, long baseOffset, LogConfig config, List<BatchSpec> specs) {
        List<SegmentDamage.Span> spans = new ArrayList<>();
        try (LogSegment segment = LogSegment.create(dir, baseOffset, config, 0L)) {
            long offset = baseOffset;
            for (int i = 0; i < specs.size(); i++) {
                BatchSpec spec = specs.get(i);
                ByteBuffer batch = TestBatches.batch(i, spec.records(), spec.timestamp(), spec.valueSize(),
                        spec.gzip() ? CompressionType.GZIP : CompressionType.NONE);
                StoredBatches.assignOffsetsAndEpoch(batch, offset, 7);
                int start = segment.sizeInBytes();
                segment.append(batch, AppendProbe.NONE);
                spans.add(new SegmentDamage.Span(start, segment.sizeInBytes()));
                offset += spec.records();
            }
        }
        return spans;
    }

    /** Applies the damages to the file's bytes, writes them back, and returns them (without any sparse tail). */
    private static byte[] damage(Path file, List<SegmentDamage.Span> spans, List<SegmentDamage> damages)
            throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long sparseEnd = 0;
        for (SegmentDamage damage : damages) {
            bytes = damage.apply(bytes, spans);
            sparseEnd = Math.max(sparseEnd, damage.sparseFileEnd(bytes, spans));
        }
        Files.write(file, bytes);
        if (sparseEnd > bytes.length) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[1]), sparseEnd - 1);
            }
            // Recovery reads zeros after the damaged bytes: a truncation the sparse end follows may
            // have cut only bytes that were zeros anyway (a record's trailing header count), and the
            // batch is then whole again. Judge the batches on what is on disk.
            int onDisk = (int) Math.min(sparseEnd, spans.get(spans.size() - 1).end());
            if (onDisk > bytes.length) {
                bytes = Arrays.copyOf(bytes, onDisk);
            }
        }
        return bytes;
    }

    private static void assertIndexesAsIfAppended(LogSegment recovered, byte[] file, List<SegmentDamage.Span> kept,
                                                  long baseOffset, LogConfig config) throws IOException {
        recovered.offsetIndex().sanityCheck(recovered.sizeInBytes(), Long.MAX_VALUE);
        recovered.timeIndex().sanityCheck(Long.MAX_VALUE);
        Path other = Files.createTempDirectory("fuzz-expected");
        try (LogSegment expected = LogSegment.create(other, baseOffset, config, 0L)) {
            for (SegmentDamage.Span span : kept) {
                expected.append(ByteBuffer.wrap(file, span.start(), span.end() - span.start()).slice(), AppendProbe.NONE);
            }
            assertThat(recovered.mark()).isEqualTo(expected.mark());
            assertThat(entries(recovered.offsetIndex())).isEqualTo(entries(expected.offsetIndex()));
            assertThat(entries(recovered.timeIndex())).isEqualTo(entries(expected.timeIndex()));
        } finally {
            LogFiles.deleteDirectory(other);
        }
    }

    /**
     * A two-record batch at the recovered next offset lands and reads back; when the recovered
     * batches already reach the last relative offset it is refused up front, changing nothing
     * (the partition log rolls a new segment instead).
     */
    private static void assertTakesAnAppendThatFits(LogSegment segment, long nextOffset, long baseOffset) {
        ByteBuffer batch = TestBatches.batch(99, 2, 5_000_000L, 8);
        StoredBatches.assignOffsetsAndEpoch(batch, nextOffset, 8);
        if (nextOffset + 1 - baseOffset > Integer.MAX_VALUE) {
            LogSegment.Mark before = segment.mark();
            assertThatThrownBy(() -> segment.append(batch, AppendProbe.NONE))
                    .isInstanceOf(LogSegmentOffsetOverflowException.class);
            assertThat(segment.mark()).isEqualTo(before);
            return;
        }
        segment.append(batch, AppendProbe.NONE);
        assertThat(segment.readNextOffset()).isEqualTo(nextOffset + 2);
        SegmentRead read = segment.read(nextOffset, Integer.MAX_VALUE, Long.MAX_VALUE, true).orElseThrow();
        List<Record> records = RecordBatches.wrap(read.slice().readFully()).records();
        assertThat(records).extracting(Record::offset).endsWith(nextOffset, nextOffset + 1);
        assertThat(TestBatches.valueString(records.get(records.size() - 1))).startsWith("99/1:");
    }

    private static List<Object> entries(OffsetIndex index) {
        return IntStream.range(0, index.entries()).mapToObj(i -> (Object) index.entry(i)).toList();
    }

    private static List<Object> entries(TimeIndex index) {
        return IntStream.range(0, index.entries()).mapToObj(i -> (Object) index.entry(i)).toList();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
