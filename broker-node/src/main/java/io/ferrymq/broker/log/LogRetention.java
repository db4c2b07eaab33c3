package io.ferrymq.broker.log;

import io.ferrymq.broker.log.retention.RetentionPolicy;
import io.ferrymq.broker.log.retention.SegmentInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;

/**
 * Retention of one partition log and its pending deletes: applies the {@link RetentionPolicy} to
 * the oldest segments, takes them out of the segment map, renames their files {@code .deleted}
 * and closes and deletes them {@value #FILE_DELETE_DELAY_MS} ms later (on a later retention pass,
 * or at once when the log closes), so a zero-copy read already holding a slice of them completes.
 * Segments leave the pending queue in the order they entered it, which is deadline order.
 *
 * <p>Not thread-safe: the owning {@link PartitionLog} calls it only under its append lock.
 */
final class LogRetention {

    /** Kafka's {@code file.delete.delay.ms} default: how long a retained-away segment stays readable. */
    static final long FILE_DELETE_DELAY_MS = 60_000L;

    /** A segment removed by retention, renamed {@code .deleted}, closed and deleted once readers are done. */
    private record PendingDelete(LogSegment segment, long deleteAtMs) {
    }

    private RetentionPolicy policy;
    private final Deque<PendingDelete> pendingDeletes = new ArrayDeque<>();

    LogRetention(RetentionPolicy policy) {
        this.policy = policy;
    }

    /** Applies {@code retention.ms} and {@code retention.bytes} that changed, from the next pass on. */
    void setPolicy(RetentionPolicy updated) {
        this.policy = updated;
    }

    /**
     * Deletes pending segments whose delay has passed, then removes the oldest segments of
     * {@code segments} that the policy no longer keeps (never the last, active one), renaming
     * them {@code .deleted}; returns how many were removed from the map.
     */
    int deleteRetainedSegments(NavigableMap<Long, LogSegment> segments, long nowMs) {
        List<SegmentInfo> infos = segments.values().stream()
                .map(s -> new SegmentInfo(s.baseOffset(), s.sizeInBytes(), s.largestTimestamp())).toList();
        deleteExpiredPending(nowMs);
        int count = policy.segmentsToDelete(infos, nowMs);
        for (int i = 0; i < count; i++) {
            LogSegment segment = segments.pollFirstEntry().getValue();
            segment.markDeleted();
            pendingDeletes.add(new PendingDelete(segment, nowMs + FILE_DELETE_DELAY_MS));
        }
        return count;
    }

    /** Renames {@code segment}'s files {@code .deleted} and deletes them after the delay (a cleaned-away segment). */
    void deleteLater(LogSegment segment, long nowMs) {
        segment.markDeleted();
        pendingDeletes.add(new PendingDelete(segment, nowMs + FILE_DELETE_DELAY_MS));
    }

    /** Closes and deletes every pending segment now, whatever its deadline (the log is closing). */
    void deleteAllPending() {
        deleteExpiredPending(Long.MAX_VALUE);
    }

    /** How many segments are renamed {@code .deleted} and wait for their delay. */
    int pendingCount() {
        return pendingDeletes.size();
    }

    private void deleteExpiredPending(long nowMs) {
        while (!pendingDeletes.isEmpty() && pendingDeletes.peekFirst().deleteAtMs() <= nowMs) {
            pendingDeletes.pollFirst().segment().closeAndDelete();
        }
    }
}
