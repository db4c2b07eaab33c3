package io.ferrymq.broker.partition;

import io.ferrymq.broker.log.LogAppendInfo;
import io.ferrymq.broker.log.TimestampAndOffset;
import io.ferrymq.broker.log.ValidatedBatches;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.record.CompressionType;
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
     * Validates a producer's batches, every record, and recompresses them when the topic names a
     * codec; called before the partition's lock is taken. Throws an {@code ApiException}
     * ({@code CORRUPT_MESSAGE}, {@code INVALID_RECORD}, {@code MESSAGE_TOO_LARGE}, ...) naming the
     * problem.
     *
     * @param topicCodec the topic's {@code compression.type}; empty for {@code producer}
     */
    ValidatedBatches validateAsLeader(ByteBuffer batches, Optional<CompressionType> topicCodec);

    /** Assigns offsets from the log end to validated batches, stamps {@code leaderEpoch} and appends them. */
    LogAppendInfo appendAsLeader(ValidatedBatches batches, int leaderEpoch);

    /** Appends batches copied from the leader, keeping their offsets and epochs (which must follow the log end). */
    LogAppendInfo appendAsFollower(ByteBuffer batches);

    /**
     * Whole batches from the one holding {@code startOffset}, up to {@code maxBytes} (but at least
     * one batch when {@code minOneBatch}), none at or past {@code maxOffsetExclusive}.
     */
    RecordSource read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch);

    long logStartOffset();

    long logEndOffset();

    /** The first record whose timestamp is at or after {@code timestamp}, with its leader epoch. */
    Optional<TimestampAndOffset> offsetForTimestamp(long timestamp);

    /** The first record carrying the log's largest timestamp, with its leader epoch; empty when none has one. */
    Optional<TimestampAndOffset> maxTimestampRecord();

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
