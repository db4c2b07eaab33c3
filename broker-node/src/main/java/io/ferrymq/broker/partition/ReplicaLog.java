package io.ferrymq.broker.partition;

import io.ferrymq.client.protocol.RecordSource;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link Partition} needs from its local log and leader-epoch cache: the seam between one
 * partition's replication state and the storage that keeps it (the broker adapts the storage
 * module's {@code PartitionLog} to it). Offsets use Kafka's vocabulary: {@code logStartOffset} is the
 * first offset kept, {@code logEndOffset} the offset the next record will get.
 *
 * <p>Implementations are thread-safe; {@link Partition} serializes appends and truncations.
 */
public interface ReplicaLog {

    /**
     * Validates the batches, assigns offsets from the log end, stamps {@code leaderEpoch} on each
     * batch and appends them. Throws an {@code ApiException} ({@code CORRUPT_MESSAGE},
     * {@code MESSAGE_TOO_LARGE}, ...) naming the problem; nothing is appended then.
     */
    AppendInfo appendAsLeader(ByteBuffer batches, int leaderEpoch);

    /** Appends batches copied from the leader, keeping their offsets and epochs (which must follow the log end). */
    AppendInfo appendAsFollower(ByteBuffer batches);

    /**
     * Whole batches from the one holding {@code startOffset}, up to {@code maxBytes} (but at least
     * one batch when {@code minOneBatch}), none at or past {@code maxOffsetExclusive}.
     */
    RecordSource read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch);

    long logStartOffset();

    long logEndOffset();

    /** The first record whose timestamp is at or after {@code timestamp}. */
    Optional<TimestampOffset> offsetForTimestamp(long timestamp);

    /** Removes every record at or after {@code offset} (and the epochs starting there). */
    void truncateTo(long offset);

    /** Removes everything and restarts the log at {@code offset}. */
    void truncateFullyAndStartAt(long offset);

    /** Records that {@code leaderEpoch} starts at {@code startOffset}, unless it is already the latest epoch. */
    void assignEpoch(int leaderEpoch, long startOffset);

    OptionalInt latestEpoch();

    /** The largest epoch not above {@code leaderEpoch} and its end offset; empty when there is none. */
    Optional<EpochEndOffset> endOffsetFor(int leaderEpoch);
}
