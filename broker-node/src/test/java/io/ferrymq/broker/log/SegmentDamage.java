package io.ferrymq.broker.log;

import io.ferrymq.common.record.RecordBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A way a segment file can be damaged, for {@link SegmentRecoveryFuzzTest}: each kind rewrites
 * the file's bytes given where the batches were written ({@link Span}s). Positions are taken
 * modulo the file size; a damage aimed at a batch the file no longer holds does nothing.
 * {@link #validPrefix} is the oracle: how many batches recovery must keep. Immutable.
 */
sealed interface SegmentDamage {

    /** Where one written batch lies in the file: {@code [start, end)}. */
    record Span(int start, int end) {
    }

    byte[] apply(byte[] file, List<Span> batches);

    /** The size the file must be extended to (sparsely) after the damage; 0 for none. */
    default long sparseFileEnd(byte[] file, List<Span> batches) {
        return 0;
    }

    record BitFlip(int at, int bit) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            if (file.length > 0) {
                file[at % file.length] ^= (byte) (1 << bit);
            }
            return file;
        }
    }

    record Truncate(int at) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            return Arrays.copyOf(file, at % (file.length + 1));
        }
    }

    record GarbageTail(byte[] garbage) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            byte[] longer = Arrays.copyOf(file, file.length + garbage.length);
            System.arraycopy(garbage, 0, longer, file.length, garbage.length);
            return longer;
        }
    }

    record ZeroRegion(int from, int length) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            if (file.length > 0) {
                int start = from % file.length;
                Arrays.fill(file, start, Math.min(file.length, start + length), (byte) 0);
            }
            return file;
        }
    }

    /** A batch's length field rewritten (it lies outside the CRC). */
    record LyingLength(int batch, int length) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            Span span = batches.get(batch % batches.size());
            if (span.start() + RecordBatch.LOG_OVERHEAD <= file.length) {
                ByteBuffer.wrap(file).putInt(span.start() + RecordBatch.LENGTH_OFFSET, length);
            }
            return file;
        }
    }

    /** A batch's base offset rewritten (it lies outside the CRC). */
    record LyingBaseOffset(int batch, long baseOffset) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            Span span = batches.get(batch % batches.size());
            if (span.start() + Long.BYTES <= file.length) {
                ByteBuffer.wrap(file).putLong(span.start(), baseOffset);
            }
            return file;
        }
    }

    /** A batch's record count (and, if {@code withDelta}, its last offset delta to match) rewritten, CRC recomputed. */
    record LyingCount(int batch, int count, boolean withDelta) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            Span span = batches.get(batch % batches.size());
            if (span.end() <= file.length) {
                ByteBuffer bytes = ByteBuffer.wrap(file);
                bytes.putInt(span.start() + RecordBatch.RECORD_COUNT_OFFSET, count);
                if (withDelta) {
                    bytes.putInt(span.start() + RecordBatch.LAST_OFFSET_DELTA_OFFSET, count - 1);
                }
                CRC32C crc = new CRC32C();
                crc.update(file, span.start() + RecordBatch.ATTRIBUTES_OFFSET,
                        span.end() - span.start() - RecordBatch.ATTRIBUTES_OFFSET);
                bytes.putInt(span.start() + RecordBatch.CRC_OFFSET, (int) crc.getValue());
            }
            return file;
        }
    }

    /** A batch's length claims {@code claimedBytes} and the file is extended sparsely to hold them. */
    record HugeClaim(int batch, int claimedBytes) implements SegmentDamage {
        public byte[] apply(byte[] file, List<Span> batches) {
            return new LyingLength(batch, claimedBytes).apply(file, batches);
        }

        @Override
        public long sparseFileEnd(byte[] file, List<Span> batches) {
            Span span = batches.get(batch % batches.size());
            return span.start() + RecordBatch.LOG_OVERHEAD <= file.length
                    ? span.start() + (long) claimedBytes + RecordBatch.LOG_OVERHEAD : 0L;
        }
    }

    static Arbitrary<SegmentDamage> arbitrary() {
        Arbitrary<Integer> anyIndex = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Arbitraries.oneOf(
                Combinators.combine(anyIndex, Arbitraries.integers().between(0, 7)).as(BitFlip::new),
                anyIndex.map(Truncate::new),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300).map(GarbageTail::new),
                Combinators.combine(anyIndex, Arbitraries.integers().between(1, 200)).as(ZeroRegion::new),
                Combinators.combine(anyIndex, Arbitraries.integers()).as(LyingLength::new),
                Combinators.combine(anyIndex, Arbitraries.longs()).as(LyingBaseOffset::new),
                Combinators.combine(anyIndex, Arbitraries.integers(), Arbitraries.of(true, false)).as(LyingCount::new),
                Combinators.combine(anyIndex, Arbitraries.integers().between(9 << 20, 24 << 20)).as(HugeClaim::new));
    }

    /**
     * How many batches recovery must keep: walking the known batch boundaries (not the file's
     * length fields), the longest prefix in which each batch is whole, keeps its length, passes
     * {@link RecordBatch#ensureValid()}, follows the previous batch, gaps allowed (the first at or above
     * the segment's base offset) and ends within 32-bit relative offsets of the base.
     */
    static int validPrefix(byte[] file, List<Span> batches, long segmentBaseOffset) {
        long next = segmentBaseOffset;
        for (int i = 0; i < batches.size(); i++) {
            Span span = batches.get(i);
            if (span.end() > file.length) {
                return i;
            }
            ByteBuffer bytes = ByteBuffer.wrap(file, span.start(), span.end() - span.start()).slice();
            if (bytes.getInt(RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD != bytes.remaining()) {
                return i;
            }
            RecordBatch batch = RecordBatch.wrap(bytes);
            boolean follows = i == 0 ? batch.baseOffset() >= segmentBaseOffset : batch.baseOffset() >= next;
            if (!batch.isValid() || !follows
                    || batch.baseOffset() - segmentBaseOffset > Integer.MAX_VALUE - (long) batch.lastOffsetDelta()) {
                return i;
            }
            next = batch.nextOffset();
        }
        return batches.size();
    }
}
