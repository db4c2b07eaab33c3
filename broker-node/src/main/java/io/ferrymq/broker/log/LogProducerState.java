package io.ferrymq.broker.log;

import io.ferrymq.broker.log.producer.BatchMetadata;
import io.ferrymq.broker.log.producer.CorruptSnapshotException;
import io.ferrymq.broker.log.producer.ProducerBatch;
import io.ferrymq.broker.log.producer.ProducerSnapshotCodec;
import io.ferrymq.broker.log.producer.ProducerStateEntry;
import io.ferrymq.broker.log.producer.ProducerStateManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent-producer state of one partition log ({@link ProducerStateManager}) kept in step
 * with its segments. Snapshots ({@link ProducerSnapshotCodec}, Kafka's format, named by
 * {@link LogFiles#producerSnapshotFile}) are written when a segment rolls (at the new segment's
 * base offset, before the rolling append) and when the log closes (at the log end); each holds the
 * state of the log up to its offset. Opening and truncation rebuild the state from the newest
 * readable snapshot at or below the log end, replaying the batch headers after it (the whole log
 * when there is none); snapshots above the log end go first, a corrupt one is deleted and the next
 * older used, and afterwards every snapshot but the one loaded and those at segment base offsets.
 * Snapshots below the log start go with retention, the whole set with a full truncation.
 *
 * <p>Not thread-safe: the owning {@link PartitionLog} calls it only under its append lock.
 */
final class LogProducerState {

    private static final Logger LOG = LoggerFactory.getLogger(LogProducerState.class);

    private final Path dir;
    private final ProducerStateManager manager;
    /** The offset of the snapshot written or loaded last (-1: none), whose state the log still has. */
    private long lastSnapshotOffset = -1;

    LogProducerState(Path dir, String partition, long expirationMs) {
        this.dir = dir;
        this.manager = new ProducerStateManager(partition, expirationMs);
    }

    /** The rules of {@link ProducerStateManager#validateLeaderAppend}, after the periodic expiry sweep. */
    Optional<BatchMetadata> validateLeaderAppend(List<ProducerBatch> batches, long nowMs) {
        manager.maybeRemoveExpired(nowMs);
        return manager.validateLeaderAppend(batches, nowMs);
    }

    /** Records appended batches (leader after the write, follower, unchecked). */
    void update(List<ProducerBatch> batches) {
        manager.update(batches);
    }

    Optional<ProducerStateEntry> entry(long producerId) {
        return manager.entry(producerId);
    }

    /**
     * Rebuilds the state of the log up to {@code logEndOffset}: from the newest readable snapshot at
     * or below it and the batches after that snapshot, dropping expired producers.
     */
    void load(NavigableMap<Long, LogSegment> segments, long logStartOffset, long logEndOffset, long nowMs) {
        deleteSnapshots(offset -> offset > logEndOffset);
        long loaded = -1L;
        manager.reset(List.of());
        for (OptionalLong newest = newestSnapshot(); newest.isPresent() && loaded < 0; newest = newestSnapshot()) {
            Optional<List<ProducerStateEntry>> entries = readSnapshot(newest.getAsLong());
            if (entries.isPresent()) {
                manager.reset(entries.get());
                loaded = newest.getAsLong();
            }
        }
        long snapshotOffset = loaded;
        lastSnapshotOffset = loaded;
        deleteSnapshots(offset -> offset != snapshotOffset && !segments.containsKey(offset));
        replay(segments, Math.max(loaded, logStartOffset), logEndOffset);
        manager.removeExpired(nowMs);
    }

    /**
     * Writes the state as the snapshot at {@code offset} (the log end it reflects), atomically;
     * nothing when the newest snapshot is already at {@code offset}, or when there is no producer and
     * no batch to replay below {@code offset} (a log that never had data, such as each of 10,000
     * idle partitions closing: two fsyncs each).
     */
    void takeSnapshot(long offset, long logStartOffset) {
        if (offset == lastSnapshotOffset || (offset == logStartOffset && manager.entries().isEmpty())) {
            return;
        }
        Path file = LogFiles.producerSnapshotFile(dir, offset);
        try {
            CheckpointFile.writeAtomically(file, ProducerSnapshotCodec.encode(manager.entries()));
            lastSnapshotOffset = offset;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write producer snapshot " + file, e);
        }
    }

    /** Drops snapshots at or above {@code offset} (one taken for the roll of an append that failed). */
    void deleteSnapshotsFrom(long offset) {
        deleteSnapshots(o -> o >= offset);
    }

    /** Drops snapshots below the log start (their segments are gone). */
    void deleteSnapshotsBelow(long logStartOffset) {
        deleteSnapshots(offset -> offset < logStartOffset);
    }

    /** Forgets every producer and deletes every snapshot (the log restarts empty). */
    void clear() {
        deleteSnapshots(offset -> true);
        manager.reset(List.of());
    }

    private void replay(NavigableMap<Long, LogSegment> segments, long from, long to) {
        Long first = segments.floorKey(from);
        ByteBuffer scratch = SegmentFile.newScratch();
        for (LogSegment segment : segments.tailMap(first == null ? from : first).values()) {
            int limit = segment.sizeInBytes();
            Optional<BatchHeader> header = segment.translateOffset(from, limit, scratch);
            while (header.isPresent() && header.get().baseOffset() < to) {
                BatchHeader h = header.get();
                manager.update(List.of(ProducerBatch.fromHeader(h.producerId(), h.producerEpoch(), h.baseSequence(),
                        h.baseOffset(), (int) (h.lastOffset() - h.baseOffset()), h.maxTimestamp())));
                header = segment.file().readHeader(h.endPosition(), limit, scratch);
            }
        }
    }

    private Optional<List<ProducerStateEntry>> readSnapshot(long offset) {
        Path file = LogFiles.producerSnapshotFile(dir, offset);
        try {
            return Optional.of(ProducerSnapshotCodec.decode(ByteBuffer.wrap(Files.readAllBytes(file))));
        } catch (CorruptSnapshotException e) {
            LOG.warn("Deleting corrupt producer snapshot {}: {}", file, e.getMessage());
            deleteSnapshots(o -> o == offset);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read producer snapshot " + file, e);
        }
    }

    private OptionalLong newestSnapshot() {
        return snapshotOffsets().max();
    }

    private java.util.stream.LongStream snapshotOffsets() {
        try (Stream<Path> files = Files.list(dir)) {
            long[] offsets = files.map(LogFiles::parseProducerSnapshotOffset).filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong).toArray();
            return java.util.Arrays.stream(offsets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list producer snapshots in " + dir, e);
        }
    }

    private void deleteSnapshots(LongPredicate which) {
        if (lastSnapshotOffset >= 0 && which.test(lastSnapshotOffset)) {
            lastSnapshotOffset = -1;
        }
        for (long offset : snapshotOffsets().filter(which).toArray()) {
            try {
                Files.deleteIfExists(LogFiles.producerSnapshotFile(dir, offset));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete producer snapshot at " + offset + " in " + dir, e);
            }
        }
    }

    /** The last offset of each kept producer's last batch: batches the cleaner keeps even when emptied. */
    java.util.Set<Long> lastBatchOffsets() {
        java.util.Set<Long> offsets = new java.util.HashSet<>();
        manager.entries().forEach(entry -> offsets.add(entry.lastBatch().lastOffset()));
        return offsets;
    }
}
