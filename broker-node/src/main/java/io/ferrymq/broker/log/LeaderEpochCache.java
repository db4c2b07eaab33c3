package io.ferrymq.broker.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader epochs of one partition and the first offset each epoch wrote, checkpointed in the
 * partition's {@code leader-epoch-checkpoint} (Kafka's format: version {@code 0}, count, then
 * {@code <epoch> <startOffset>} lines) on every change, fsynced by {@link #sync} before the
 * log's recovery point moves. Epochs and start offsets strictly
 * increase. {@link #endOffsetFor} answers OffsetsForLeaderEpoch exactly as Kafka does, so a
 * follower truncates to where its log diverged from the leader's. A corrupt checkpoint at start
 * is logged and replaced by an empty cache (the epochs are re-learnt from the leader).
 *
 * <p>Thread-safe: every method is synchronized; {@link #latestEpoch()} also reads a volatile.
 */
public final class LeaderEpochCache {

    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_OFFSET = -1L;
    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    /** One epoch and the first offset a leader of that epoch appended. */
    public record EpochEntry(int epoch, long startOffset) {
    }

    /** The answer to "where does epoch e end": the epoch found and its end offset (exclusive). */
    public record EpochEndOffset(int epoch, long endOffset) {
        public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_OFFSET);
    }

    private final Path file;
    private final TreeMap<Integer, EpochEntry> epochs = new TreeMap<>();
    private volatile int latestEpoch = UNDEFINED_EPOCH;
    private boolean unsynced;

    private LeaderEpochCache(Path file) {
        this.file = file;
    }

    /** Loads the checkpoint at {@code file} (missing = empty). */
    public static LeaderEpochCache open(Path file) {
        LeaderEpochCache cache = new LeaderEpochCache(file);
        try {
            for (String line : CheckpointFile.read(file).orElse(List.of())) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length != 2) {
                    throw new CorruptCheckpointException("bad line '" + line + "' in " + file);
                }
                cache.epochs.put(Integer.parseInt(parts[0]), new EpochEntry(Integer.parseInt(parts[0]),
                        Long.parseLong(parts[1])));
            }
        } catch (CorruptCheckpointException | NumberFormatException e) {
            LOG.warn("Ignoring corrupt leader epoch checkpoint {}: {}", file, e.getMessage());
            cache.epochs.clear();
        }
        cache.latestEpoch = cache.epochs.isEmpty() ? UNDEFINED_EPOCH : cache.epochs.lastKey();
        return cache;
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. A newer epoch replaces any entry
     * at or past it (epoch or offset); the current or an older epoch is ignored.
     */
    public synchronized void assign(int epoch, long startOffset) {
        if (epoch < 0 || epoch <= latestEpoch) {
            return;
        }
        epochs.values().removeIf(e -> e.epoch() >= epoch || e.startOffset() >= startOffset);
        epochs.put(epoch, new EpochEntry(epoch, startOffset));
        changed();
    }

    public OptionalInt latestEpoch() {
        int latest = latestEpoch;
        return latest == UNDEFINED_EPOCH ? OptionalInt.empty() : OptionalInt.of(latest);
    }

    public synchronized Optional<EpochEntry> latestEntry() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.lastEntry().getValue());
    }

    public synchronized List<EpochEntry> entries() {
        return new ArrayList<>(epochs.values());
    }

    /**
     * Kafka's end offset for {@code requestedEpoch}: the latest epoch ends at the log end; an
     * older epoch ends where the next higher epoch starts (answered with the largest known epoch
     * at or below the requested one, or the requested epoch when it predates every entry); an
     * unknown newer epoch or {@link #UNDEFINED_EPOCH} is {@link EpochEndOffset#UNDEFINED}.
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch == UNDEFINED_EPOCH || epochs.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        if (requestedEpoch == latestEpoch) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        Map.Entry<Integer, EpochEntry> higher = epochs.higherEntry(requestedEpoch);
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        Map.Entry<Integer, EpochEntry> floor = epochs.floorEntry(requestedEpoch);
        return new EpochEndOffset(floor == null ? requestedEpoch : floor.getKey(), higher.getValue().startOffset());
    }

    /** The epoch that wrote {@code offset}, if known. */
    public synchronized OptionalInt epochForOffset(long offset) {
        OptionalInt found = OptionalInt.empty();
        for (EpochEntry entry : epochs.values()) {
            if (entry.startOffset() <= offset) {
                found = OptionalInt.of(entry.epoch());
            }
        }
        return found;
    }

    /** Drops entries starting at or after {@code endOffset} (the log was truncated to it). */
    public synchronized void truncateFromEnd(long endOffset) {
        if (epochs.values().removeIf(e -> e.startOffset() >= endOffset)) {
            changed();
        }
    }

    /**
     * Drops entries wholly before {@code startOffset} (the log start moved); the epoch in force at
     * {@code startOffset} is kept, starting there.
     */
    public synchronized void truncateFromStart(long startOffset) {
        Optional<EpochEntry> inForce = epochs.values().stream().filter(e -> e.startOffset() <= startOffset)
                .reduce((first, second) -> second);
        if (inForce.isEmpty() || inForce.get().startOffset() == startOffset) {
            return;
        }
        epochs.values().removeIf(e -> e.startOffset() <= startOffset);
        epochs.put(inForce.get().epoch(), new EpochEntry(inForce.get().epoch(), startOffset));
        changed();
    }

    public synchronized void clear() {
        epochs.clear();
        changed();
    }

    /**
     * Makes the checkpoint durable if it changed since the last call (fsync of the file and its
     * directory). Called before the log's recovery point moves, so every epoch starting below the
     * recovery point is durable; epochs of the tail past it are re-learnt from the batches when a
     * crash of the machine lost them ({@code PartitionLog}'s recovery).
     */
    public synchronized void sync() {
        if (unsynced) {
            CheckpointFile.sync(file);
            unsynced = false;
        }
    }

    /**
     * Rewrites the checkpoint (atomically: a temporary file renamed over it) without fsyncing it:
     * a new leader records its epoch here, and an fsync per partition on the election thread made
     * 10,000 elections take 20 s longer (issue 20); Kafka dropped that fsync too (KAFKA-15046).
     * A process crash loses nothing (the page cache survives it); {@link #sync} makes it durable.
     */
    private void changed() {
        latestEpoch = epochs.isEmpty() ? UNDEFINED_EPOCH : epochs.lastKey();
        List<String> lines = new ArrayList<>();
        epochs.values().forEach(e -> lines.add(e.epoch() + " " + e.startOffset()));
        CheckpointFile.writeUnsynced(file, lines);
        unsynced = true;
    }
}
