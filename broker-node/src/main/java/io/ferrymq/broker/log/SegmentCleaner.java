package io.ferrymq.broker.log;

import io.ferrymq.broker.log.cleaner.BatchFilter;
import io.ferrymq.broker.log.cleaner.OffsetMap;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans one compacted log once (Kafka's {@code Cleaner}): builds the {@link OffsetMap} of the dirty
 * part, from the first dirty offset up to the first uncleanable one or to where the map filled, then
 * rewrites every cleanable segment from the log start up to there, in groups of consecutive segments
 * that fit one segment ({@code segment.bytes}, offsets within a segment's reach), each group into one
 * {@code .cleaned} segment keeping what {@link BatchFilter} keeps, swapped in by
 * {@link PartitionLog#replaceSegments}. A group's output always ends at the group's last offset (an
 * empty batch is added if its last batches went), so a restart that completes the swap knows which
 * segments it replaced. The active segment is never touched; segments are immutable below it, so they
 * are read without the log's lock.
 *
 * <p>Not thread-safe: one cleaner thread owns one instance (and its map).
 */
final class SegmentCleaner {

    /**
     * What a cleaning did: the next first dirty offset, bytes read and written, segments replaced,
     * and whether a kept tombstone awaits its delete horizon.
     */
    record Outcome(long endOffset, long bytesRead, long bytesWritten, int segmentsReplaced, boolean tombstonesKept) {
    }

    private final OffsetMap map;
    private final SwapProbe probe;

    SegmentCleaner(OffsetMap map, SwapProbe probe) {
        this.map = map;
        this.probe = probe;
    }

    /**
     * Cleans {@code log} from its start up to {@code firstUncleanableOffset} (segments wholly below
     * it); empty when no segment lies there. With no dirty segment the pass keeps every record but the
     * tombstones whose delete horizon passed.
     *
     * @throws IllegalStateException when the map cannot hold one batch's keys ({@code log.cleaner.dedupe.buffer.size})
     */
    Optional<Outcome> clean(PartitionLog log, long firstDirtyOffset, long firstUncleanableOffset, long nowMs) {
        List<LogSegment> cleanable = cleanableSegments(log, firstUncleanableOffset);
        List<LogSegment> dirty = new ArrayList<>();
        for (LogSegment segment : cleanable) {
            if (log.nextSegmentBase(segment.baseOffset()) > firstDirtyOffset) {
                dirty.add(segment);
            }
        }
        if (cleanable.isEmpty()) {
            return Optional.empty();
        }
        // the segment after the last cleanable one begins where the map may end: the first uncleanable
        // offset itself may lie inside that segment, whose records are not mapped
        long cleanableEnd = log.nextSegmentBase(cleanable.get(cleanable.size() - 1).baseOffset());
        // nothing dirty: a pass with an empty map only drops tombstones whose horizon passed
        map.clear();
        long end = dirty.isEmpty() ? cleanableEnd : buildOffsetMap(dirty, firstDirtyOffset, cleanableEnd);
        Set<Long> producerLastBatches = log.producerLastBatchOffsets();
        long read = 0;
        long written = 0;
        int replaced = 0;
        boolean tombstones = false;
        long deleteRetentionMs = log.config().cleanup().deleteRetentionMs();
        for (List<LogSegment> group : groups(cleanable, end, log.config().segmentBytes())) {
            GroupResult result = cleanGroup(log, group, producerLastBatches, nowMs, deleteRetentionMs);
            read += result.bytesRead;
            written += result.bytesWritten;
            tombstones |= result.tombstonesKept;
            replaced += result.swapped ? group.size() : 0;
        }
        return Optional.of(new Outcome(end, read, written, replaced, tombstones));
    }

    /** The inactive segments that lie wholly below {@code firstUncleanableOffset}. */
    static List<LogSegment> cleanableSegments(PartitionLog log, long firstUncleanableOffset) {
        List<LogSegment> inactive = log.inactiveSegments();
        List<LogSegment> cleanable = new ArrayList<>();
        for (int i = 0; i < inactive.size(); i++) {
            long next = i + 1 < inactive.size() ? inactive.get(i + 1).baseOffset() : log.activeBaseOffset();
            if (next <= firstUncleanableOffset) {
                cleanable.add(inactive.get(i));
            }
        }
        return cleanable;
    }

    /**
     * Puts every keyed record from {@code firstDirty} into the map, batch by batch; stops before a
     * batch whose records would overfill it. Returns the first offset not mapped (the cleaning's end).
     */
    private long buildOffsetMap(List<LogSegment> dirty, long firstDirty, long dirtyEnd) {
        for (LogSegment segment : dirty) {
            for (BatchRef ref : batches(segment)) {
                if (ref.header.lastOffset() < firstDirty) {
                    continue;
                }
                RecordBatch batch = ref.read(segment);
                if (map.size() + batch.recordCount() > map.maxEntries()) {
                    if (ref.header.baseOffset() <= firstDirty) {
                        throw new IllegalStateException("the offset map (" + map.maxEntries() + " keys) cannot hold "
                                + "the " + batch.recordCount() + " keys of the batch at offset "
                                + ref.header.baseOffset() + "; raise log.cleaner.dedupe.buffer.size");
                    }
                    return ref.header.baseOffset();
                }
                for (Record record : batch) {
                    if (record.offset() >= firstDirty && record.key().isPresent()) {
                        map.put(record.key().get(), record.offset());
                    }
                }
            }
        }
        return dirtyEnd;
    }

    /** Consecutive segments below {@code end}, grouped so each group's bytes and offsets fit one segment. */
    static List<List<LogSegment>> groups(List<LogSegment> segments, long end, int maxBytes) {
        List<List<LogSegment>> groups = new ArrayList<>();
        List<LogSegment> current = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < segments.size() && segments.get(i).baseOffset() < end; i++) {
            LogSegment segment = segments.get(i);
            long spanEnd = i + 1 < segments.size() ? segments.get(i + 1).baseOffset() : end;
            boolean fits = current.isEmpty() || (bytes + segment.sizeInBytes() <= maxBytes
                    && spanEnd - current.get(0).baseOffset() <= Integer.MAX_VALUE);
            if (!fits) {
                groups.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(segment);
            bytes += segment.sizeInBytes();
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private record GroupResult(long bytesRead, long bytesWritten, boolean tombstonesKept, boolean swapped) {
    }

    private GroupResult cleanGroup(PartitionLog log, List<LogSegment> group, Set<Long> producerLastBatches, long nowMs,
                                   long deleteRetentionMs) {
        LogSegment cleaned = LogSegment.createWithSuffix(log.dir(), group.get(0).baseOffset(), log.config(), nowMs,
                LogFiles.CLEANED_SUFFIX, log.openFiles());
        long read = 0;
        boolean tombstones = false;
        RecordBatch last = null;
        long lastWritten = -1L;
        try {
            for (LogSegment segment : group) {
                read += segment.sizeInBytes();
                for (BatchRef ref : batches(segment)) {
                    RecordBatch batch = ref.read(segment);
                    boolean producerLast = batch.producerId() >= 0 && producerLastBatches.contains(batch.lastOffset());
                    BatchFilter.Result result = BatchFilter.filter(batch, map, nowMs, deleteRetentionMs, producerLast);
                    if (result.retained().isPresent()) {
                        cleaned.appendCleaned(result.retained().get());
                        lastWritten = batch.lastOffset();
                    }
                    tombstones |= result.tombstonesKept();
                    last = batch;
                }
            }
            if (last == null) {
                cleaned.closeAndDelete();
                return new GroupResult(read, 0, false, false);
            }
            if (lastWritten < last.lastOffset()) {
                cleaned.appendCleaned(RecordBatchBuilder.emptyBatchLike(last));
            }
            long written = cleaned.sizeInBytes();
            boolean swapped = log.replaceSegments(group, cleaned, probe);
            return new GroupResult(read, written, tombstones, swapped);
        } catch (RuntimeException | Error e) {
            deleteQuietly(cleaned, e);
            throw e;
        }
    }

    private static void deleteQuietly(LogSegment cleaned, Throwable cause) {
        try {
            cleaned.closeAndDelete();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** A batch's header in a segment; {@link #read} loads its bytes. */
    private record BatchRef(BatchHeader header) {
        RecordBatch read(LogSegment segment) {
            ByteBuffer bytes = ByteBuffer.allocate(header.size());
            try {
                segment.file().withChannel(channel -> {
                    while (bytes.hasRemaining()) {
                        if (channel.read(bytes, header.position() + bytes.position()) < 0) {
                            throw new IOException("segment ended inside the batch at position " + header.position());
                        }
                    }
                    return bytes;
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + segment, e);
            }
            return RecordBatch.wrap(bytes.flip());
        }
    }

    private static List<BatchRef> batches(LogSegment segment) {
        List<BatchRef> refs = new ArrayList<>();
        ByteBuffer scratch = SegmentFile.newScratch();
        int limit = segment.sizeInBytes();
        Optional<BatchHeader> header = segment.file().readHeader(0, limit, scratch);
        while (header.isPresent()) {
            refs.add(new BatchRef(header.get()));
            header = segment.file().readHeader(header.get().endPosition(), limit, scratch);
        }
        return refs;
    }
}
