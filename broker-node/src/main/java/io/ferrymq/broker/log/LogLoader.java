package io.ferrymq.broker.log;

import io.ferrymq.broker.log.index.CorruptIndexException;
import io.ferrymq.broker.log.recovery.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the segments of a partition directory and repairs them; a directory that does not exist is
 * created with one empty segment, without listing or reading anything. Leftover temporary and
 * {@code .deleted} files are removed. A cleaning the broker did not finish is completed or discarded
 * as Kafka does: {@code .cleaned} files (written, not yet committed) are deleted; a {@code .log.swap}
 * file (committed) replaces every segment whose base offset lies in its offset range, those segments'
 * files are deleted, it takes its final name and its indexes are rebuilt. After an unclean shutdown every segment that may hold
 * offsets at or above the recovery point is scanned ({@link LogSegment#recover()}: CRC and
 * offsets of each batch, indexes rebuilt); at the first torn or corrupt batch the segment is
 * truncated there and every later segment deleted. Any segment whose index is missing,
 * malformed or fails its sanity check is rebuilt the same way, clean shutdown or not.
 * Runs before the log is shared; not thread-safe.
 */
final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /**
     * The loaded segments, oldest first, and the log end offset.
     *
     * @param recoveredFrom the base offset of the first segment scanned because the shutdown was not
     *                      clean (every later one was scanned too), or -1 when none was
     * @param created       the directory did not exist: it was created with one empty segment, and
     *                      holds nothing else to read (no producer snapshot, no epoch checkpoint)
     */
    record Loaded(List<LogSegment> segments, long logEndOffset, long recoveredFrom, boolean created) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, LogConfig config, long nowMs, long recoveryPoint, boolean cleanShutdown,
                       OpenSegmentFiles openFiles) {
        if (createdNow(dir)) {
            // a new partition (10,000 of them for one topic): nothing to list, clean or repair
            return new Loaded(List.of(LogSegment.create(dir, 0L, config, nowMs, openFiles)), 0L, -1, true);
        }
        List<Long> baseOffsets = cleanDirectory(dir);
        List<LogSegment> segments = new ArrayList<>();
        long recoveredFrom = -1;
        for (long base : baseOffsets) {
            segments.add(LogSegment.open(dir, base, config, nowMs, openFiles));
        }
        for (int i = 0; i < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            long nextBase = i + 1 < segments.size() ? segments.get(i + 1).baseOffset() : Long.MAX_VALUE;
            boolean pastRecoveryPoint = nextBase > recoveryPoint;
            if (!cleanShutdown && pastRecoveryPoint && recoveredFrom < 0) {
                recoveredFrom = segment.baseOffset();
            }
            if ((!cleanShutdown && pastRecoveryPoint) || !indexesUsable(segment, nextBase)) {
                ScanResult result = segment.recover();
                if (result.problem().isPresent()) {
                    LOG.warn("Truncated {} to {} bytes during recovery: {}", segment, result.validBytes(),
                            result.problem().get());
                    deleteAfter(segments, i);
                }
            }
        }
        if (segments.isEmpty()) {
            segments.add(LogSegment.create(dir, 0L, config, nowMs, openFiles));
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            segments.get(i).onBecomeInactive();
            segments.get(i).releaseFile();
        }
        LogSegment active = segments.get(segments.size() - 1);
        active.activateFile();
        return new Loaded(segments, active.readNextOffset(), recoveredFrom, false);
    }

    /** Creates the partition directory; false when it exists already (it is then loaded and repaired). */
    private static boolean createdNow(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + dir, e);
        }
    }

    private static boolean indexesUsable(LogSegment segment, long nextBase) {
        if (!segment.indexesTrusted()) {
            return false;
        }
        try {
            segment.offsetIndex().sanityCheck(segment.sizeInBytes(), nextBase);
            segment.timeIndex().sanityCheck(nextBase);
            return true;
        } catch (CorruptIndexException e) {
            LOG.warn("Rebuilding the indexes of {}: {}", segment, e.getMessage());
            return false;
        }
    }

    private static void deleteAfter(List<LogSegment> segments, int index) {
        while (segments.size() > index + 1) {
            LogSegment removed = segments.remove(segments.size() - 1);
            LOG.warn("Deleting {} which follows a truncated segment", removed);
            removed.closeAndDelete();
        }
    }

    /** Removes temporary and deleted leftovers and orphan indexes; returns segment base offsets, sorted. */
    private static List<Long> cleanDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Long> bases = new ArrayList<>();
            completeSwaps(dir);
            List<Path> files;
            try (Stream<Path> listing = Files.list(dir)) {
                files = listing.toList();
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(LogFiles.TEMP_SUFFIX) || name.endsWith(LogFiles.DELETED_SUFFIX)) {
                    Files.deleteIfExists(file);
                    continue;
                }
                OptionalLong base = LogFiles.parseLogFileBaseOffset(file);
                base.ifPresent(bases::add);
            }
            for (Path file : files) {
                if (LogFiles.isIndexFile(file) && !Files.exists(siblingLog(file))) {
                    Files.deleteIfExists(file);
                }
            }
            bases.sort(Long::compare);
            return bases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list log directory " + dir, e);
        }
    }

    /** Deletes {@code .cleaned} files and completes every {@code .swap} segment (see the class comment). */
    private static void completeSwaps(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(LogFiles.CLEANED_SUFFIX)) {
                Files.deleteIfExists(file);
            }
        }
        for (Path file : files) {
            OptionalLong swapBase = LogFiles.parseSwapLogBaseOffset(file);
            if (swapBase.isPresent()) {
                completeSwap(dir, file, swapBase.getAsLong(), files);
            }
        }
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(LogFiles.SWAP_SUFFIX)) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void completeSwap(Path dir, Path swapLog, long base, List<Path> files) throws IOException {
        long lastOffset = lastOffsetIn(swapLog, base);
        for (Path file : files) {
            OptionalLong replaced = LogFiles.parseLogFileBaseOffset(file);
            if (replaced.isPresent() && replaced.getAsLong() >= base && replaced.getAsLong() <= lastOffset) {
                LOG.info("Completing a cleaned segment's swap: deleting replaced segment {}", file);
                Files.deleteIfExists(file);
                Files.deleteIfExists(LogFiles.indexFile(dir, replaced.getAsLong()));
                Files.deleteIfExists(LogFiles.timeIndexFile(dir, replaced.getAsLong()));
            }
        }
        Files.move(swapLog, LogFiles.logFile(dir, base), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        CheckpointFile.fsyncDirectory(dir);
    }

    /** The last offset of the last whole batch in a segment file, or its base offset when it holds none. */
    private static long lastOffsetIn(Path file, long base) {
        SegmentFile segment = new SegmentFile(file, false);
        try {
            java.nio.ByteBuffer scratch = SegmentFile.newScratch();
            long last = base;
            int position = 0;
            java.util.Optional<BatchHeader> header = segment.readHeader(position, segment.size(), scratch);
            while (header.isPresent()) {
                last = header.get().lastOffset();
                header = segment.readHeader(header.get().endPosition(), segment.size(), scratch);
            }
            return last;
        } finally {
            segment.close();
        }
    }

    private static Path siblingLog(Path indexFile) {
        String name = indexFile.getFileName().toString();
        return indexFile.resolveSibling(name.substring(0, name.indexOf('.')) + LogFiles.LOG_SUFFIX);
    }
}
