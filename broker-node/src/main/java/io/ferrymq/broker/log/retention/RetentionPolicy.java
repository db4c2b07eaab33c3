package io.ferrymq.broker.log.retention;

import java.util.List;

/**
 * Decides how many of the oldest segments retention deletes (Kafka's rules): by time, every
 * leading segment whose largest timestamp is older than {@code nowMs - retentionMs}; by size,
 * the oldest segments while the log would still hold at least {@code retentionBytes} without
 * them. The larger count wins; the last (active) segment is never deleted. {@code -1} disables a
 * limit. Pure and thread-safe.
 */
public record RetentionPolicy(long retentionMs, long retentionBytes) {

    /** How many segments, from the oldest, to delete; {@code segments} are oldest first, active last. */
    public int segmentsToDelete(List<SegmentInfo> segments, long nowMs) {
        int deletable = Math.max(0, segments.size() - 1);
        return Math.min(deletable, Math.max(byTime(segments, nowMs, deletable), bySize(segments, deletable)));
    }

    private int byTime(List<SegmentInfo> segments, long nowMs, int deletable) {
        if (retentionMs < 0) {
            return 0;
        }
        int count = 0;
        while (count < deletable && nowMs - segments.get(count).largestTimestamp() > retentionMs) {
            count++;
        }
        return count;
    }

    private int bySize(List<SegmentInfo> segments, int deletable) {
        if (retentionBytes < 0) {
            return 0;
        }
        long diff = segments.stream().mapToLong(SegmentInfo::sizeInBytes).sum() - retentionBytes;
        int count = 0;
        while (count < deletable && diff - segments.get(count).sizeInBytes() >= 0) {
            diff -= segments.get(count).sizeInBytes();
            count++;
        }
        return count;
    }
}
