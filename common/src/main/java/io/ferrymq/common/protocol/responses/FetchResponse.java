package io.ferrymq.common.protocol.responses;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import java.util.List;
import java.util.Objects;

/**
 * Batches read per partition. The records travel as raw bytes beside the body, in the order of
 * {@code partitions}; on the server they may be file slices sent with zero copy, on the client they
 * are {@link RecordSource.Memory} buffers. {@code leaderEpoch} is the leader's current epoch for the
 * partition (followers check it).
 *
 * <p>{@code sessionId} is the fetch session (KIP-227) the answer belongs to, 0 when none: a full
 * fetch that asked for a session learns its id here; an incremental fetch answered with 0 lost its
 * session. An incremental answer holds only partitions with news. A top-level {@code error} (e.g.
 * {@code FETCH_SESSION_ID_NOT_FOUND}, {@code INVALID_FETCH_SESSION_EPOCH}) comes with no partitions.
 * Immutable.
 */
public record FetchResponse(ErrorCode error, List<PartitionData> partitions, int sessionId) implements ApiResponse {

    public FetchResponse {
        Objects.requireNonNull(error, "error");
        partitions = List.copyOf(partitions);
    }

    /** An answer outside any session. */
    public FetchResponse(ErrorCode error, List<PartitionData> partitions) {
        this(error, partitions, 0);
    }

    /**
     * {@code divergingEpoch} and {@code divergingEndOffset} are -1 unless the request's last fetched
     * epoch diverges from the leader's log: then they name the largest epoch the leader has at or
     * below it and where that epoch ends, and no records are sent.
     */
    public record PartitionData(TopicPartition topicPartition, ErrorCode error, long highWatermark,
            long logStartOffset, int leaderEpoch, RecordSource records, int divergingEpoch, long divergingEndOffset) {
        public PartitionData {
            Objects.requireNonNull(topicPartition, "topicPartition");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(records, "records");
        }

        /** Without divergence. */
        public PartitionData(TopicPartition topicPartition, ErrorCode error, long highWatermark, long logStartOffset,
                             int leaderEpoch, RecordSource records) {
            this(topicPartition, error, highWatermark, logStartOffset, leaderEpoch, records, -1, -1L);
        }

        public boolean isDiverging() {
            return divergingEpoch >= 0;
        }

        public static PartitionData error(TopicPartition topicPartition, ErrorCode error) {
            return new PartitionData(topicPartition, error, -1L, -1L, -1, RecordSource.EMPTY);
        }
    }
}
