package io.ferrymq.broker.log.cleaner;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How dirty one compacted log is (Kafka's {@code LogToClean}): bytes of cleanable segments already
 * cleaned and not yet cleaned (below the first uncleanable offset), its {@code min.cleanable.dirty.ratio},
 * and whether a kept tombstone's delete horizon has passed. Pure; immutable.
 *
 * @param <T> what identifies the log
 */
public record CleanableLog<T>(T log, long cleanBytes, long dirtyBytes, double minCleanableRatio,
                              boolean tombstonesDue) {

    /** Dirty bytes over cleanable bytes, 0 for an empty log. */
    public double dirtyRatio() {
        long total = cleanBytes + dirtyBytes;
        return total == 0 ? 0 : dirtyBytes / (double) total;
    }

    /** Worth a cleaning: dirty enough, or holding tombstones whose horizon has passed. */
    public boolean needsCleaning() {
        return (dirtyBytes > 0 && dirtyRatio() >= minCleanableRatio) || tombstonesDue;
    }

    /** The log most in need of cleaning: the highest dirty ratio among those that need it. */
    public static <T> Optional<CleanableLog<T>> filthiest(List<CleanableLog<T>> logs) {
        return logs.stream().filter(CleanableLog::needsCleaning)
                .max(Comparator.comparingDouble(CleanableLog<T>::dirtyRatio));
    }
}
