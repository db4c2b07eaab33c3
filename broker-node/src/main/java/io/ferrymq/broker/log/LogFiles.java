package io.ferrymq.broker.log;

import io.ferrymq.common.TopicPartition;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one place that builds and parses file names of the log: partition directories
 * {@code <topic>-<partition>}, segments {@code <20-digit base offset>.log}, {@code .index},
 * {@code .timeindex}, the log cleaner's {@code .cleaned} and {@code .swap} forms of them, producer-state snapshots {@code <20-digit offset>.snapshot}, the per-partition
 * {@code leader-epoch-checkpoint}, and per log dir the
 * checkpoints and the clean-shutdown marker (Kafka's names). Stateless and thread-safe.
 */
public final class LogFiles {

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String PRODUCER_SNAPSHOT_SUFFIX = ".snapshot";
    public static final String DELETED_SUFFIX = ".deleted";
    public static final String TEMP_SUFFIX = ".tmp";
    public static final String CLEANED_SUFFIX = ".cleaned";
    public static final String SWAP_SUFFIX = ".swap";
    public static final String CLEANER_OFFSET_CHECKPOINT = "cleaner-offset-checkpoint";
    public static final String LEADER_EPOCH_CHECKPOINT = "leader-epoch-checkpoint";
    public static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    public static final String HIGH_WATERMARK_CHECKPOINT = "replication-offset-checkpoint";
    public static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    public static final String LOCK_FILE = ".lock";

    private LogFiles() {
    }

    /** {@code 00000000000000000042} for 42. */
    public static String baseName(long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("base offset must be >= 0, was " + baseOffset);
        }
        return String.format("%020d", baseOffset);
    }

    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
    }

    public static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
    }

    public static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
    }

    /** The producer-state snapshot taken when the log ended at {@code offset}. */
    public static Path producerSnapshotFile(Path dir, long offset) {
        return dir.resolve(baseName(offset) + PRODUCER_SNAPSHOT_SUFFIX);
    }

    /** The base offset of a segment's {@code .log} file name; empty for any other file. */
    public static OptionalLong parseLogFileBaseOffset(Path file) {
        return parseOffset(file, LOG_SUFFIX);
    }

    /** The offset of a producer-state snapshot's file name; empty for any other file. */
    public static OptionalLong parseProducerSnapshotOffset(Path file) {
        return parseOffset(file, PRODUCER_SNAPSHOT_SUFFIX);
    }

    private static OptionalLong parseOffset(Path file, String suffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
            return OptionalLong.empty();
        }
        String digits = name.substring(0, 20);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    /** True for a segment's index or time index file. */
    public static boolean isIndexFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(INDEX_SUFFIX) || name.endsWith(TIME_INDEX_SUFFIX);
    }

    public static Path partitionDir(Path logDir, TopicPartition tp) {
        return logDir.resolve(tp.toString());
    }

    /** The partition a directory named {@code <topic>-<partition>} holds; empty for other names. */
    public static Optional<TopicPartition> parsePartitionDir(Path dir) {
        String name = dir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1 || name.startsWith(".")) {
            return Optional.empty();
        }
        String partition = name.substring(dash + 1);
        for (int i = 0; i < partition.length(); i++) {
            if (!Character.isDigit(partition.charAt(i))) {
                return Optional.empty();
            }
        }
        if (partition.length() > 9) {
            return Optional.empty();
        }
        return Optional.of(new TopicPartition(name.substring(0, dash), Integer.parseInt(partition)));
    }

    public static Path deletedFile(Path file) {
        return file.resolveSibling(file.getFileName() + DELETED_SUFFIX);
    }

    /** Deletes a partition directory and the files in it (no subdirectories are expected). */
    public static void deleteDirectory(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            for (Path file : files.toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** {@code file} with {@code suffix} appended ({@code 0042.log} becomes {@code 0042.log.swap}). */
    public static Path withSuffix(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** {@code file} without its last suffix {@code suffix}, which it must end with. */
    public static Path withoutSuffix(Path file, String suffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix)) {
            throw new IllegalArgumentException(file + " does not end with " + suffix);
        }
        return file.resolveSibling(name.substring(0, name.length() - suffix.length()));
    }

    /** The base offset of a segment's {@code .log.swap} file name; empty for any other file. */
    public static OptionalLong parseSwapLogBaseOffset(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(LOG_SUFFIX + SWAP_SUFFIX)) {
            return OptionalLong.empty();
        }
        return parseLogFileBaseOffset(withoutSuffix(file, SWAP_SUFFIX));
    }

    public static Path tempFile(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    }
}
