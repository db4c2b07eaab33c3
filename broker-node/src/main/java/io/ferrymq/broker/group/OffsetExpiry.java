package io.ferrymq.broker.group;

import io.ferrymq.coordinator.group.CommittedOffset;

/**
 * Kafka's offset expiry (KIP-211, {@code offsets.retention.minutes}): a group's committed offsets
 * are kept while it has members; once it is empty, an offset expires when the retention has passed
 * since the later of the moment the group became empty and the offset's commit. A group whose
 * emptiness began before this coordinator loaded it (or that never had members: offsets committed
 * by standalone consumers) counts from the commit alone ({@code emptySinceMs} 0). An empty group
 * left without offsets is deleted. Kafka also expires, in a group with members, the offsets of
 * topics it no longer subscribes to; Ferry keeps those while the group has members. Pure; thread-safe.
 */
final class OffsetExpiry {

    private OffsetExpiry() {
    }

    /** Whether {@code offset} of a group empty since {@code emptySinceMs} (0: unknown) has expired at {@code nowMs}. */
    static boolean isExpired(CommittedOffset offset, long emptySinceMs, long nowMs, long retentionMs) {
        return nowMs - Math.max(emptySinceMs, offset.commitTimestampMs()) >= retentionMs;
    }
}
