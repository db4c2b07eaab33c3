package io.ferrymq.broker.replication;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.responses.FetchResponse;
import java.util.Objects;

/**
 * One partition of a fetch response: an error code ({@link ErrorCode#NONE} on success) with a
 * message naming the reason, the leader's high watermark, log start offset and current leader
 * epoch, and the whole batches read. The records are file slices over segment channels that the
 * server sends with zero copy and must not close.
 *
 * <p>Immutable value; the field order follows {@code FetchResponse.PartitionData}.
 */
public record PartitionFetchResult(
        ErrorCode error, String errorMessage, long highWatermark, long logStartOffset, int leaderEpoch,
        RecordSource records, int divergingEpoch, long divergingEndOffset) {

    public PartitionFetchResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(records, "records");
    }

    /** Without divergence. */
    public PartitionFetchResult(ErrorCode error, String errorMessage, long highWatermark, long logStartOffset,
                                int leaderEpoch, RecordSource records) {
        this(error, errorMessage, highWatermark, logStartOffset, leaderEpoch, records, -1, -1L);
    }

    /** The sender's last fetched epoch diverges from this log: no records, the epoch and where it ends. */
    public static PartitionFetchResult diverging(long highWatermark, long logStartOffset, int leaderEpoch,
                                                 int divergingEpoch, long divergingEndOffset) {
        return new PartitionFetchResult(ErrorCode.NONE, "", highWatermark, logStartOffset, leaderEpoch,
                RecordSource.EMPTY, divergingEpoch, divergingEndOffset);
    }

    public boolean isDiverging() {
        return divergingEpoch >= 0;
    }

    /** This result as the wire's answer for {@code tp}. */
    public FetchResponse.PartitionData toPartitionData(TopicPartition tp) {
        return new FetchResponse.PartitionData(tp, error, highWatermark, logStartOffset, leaderEpoch, records,
                divergingEpoch, divergingEndOffset);
    }

    public static PartitionFetchResult failure(ErrorCode error, String message) {
        return new PartitionFetchResult(error, message, -1L, -1L, -1, RecordSource.EMPTY);
    }
}
