package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;
import java.util.Objects;

/**
 * Read record batches (long poll). {@code replicaId} is {@link #CONSUMER_REPLICA_ID} for consumers
 * (read below the high watermark) or the fetching follower's broker id (read to the log end, and
 * report its log end offset through {@code fetchOffset}). The broker waits up to {@code maxWaitMs}
 * for {@code minBytes}; the response holds at most {@code maxBytes} (at least one batch, to make
 * progress). Immutable.
 */
public record FetchRequest(int replicaId, int maxWaitMs, int minBytes, int maxBytes, List<PartitionData> partitions)
        implements ApiRequest {

    public static final int CONSUMER_REPLICA_ID = -1;

    public FetchRequest {
        partitions = List.copyOf(partitions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.FETCH;
    }

    public boolean isFromFollower() {
        return replicaId >= 0;
    }

    /**
     * {@code currentLeaderEpoch} is -1 when the sender does not know it (no fencing check).
     * {@code lastFetchedEpoch} is the epoch of the last record the sender holds before
     * {@code fetchOffset}, or -1 (no divergence check): when the leader's log ends that epoch below
     * {@code fetchOffset}, or knows only older epochs, the answer names the diverging epoch instead of
     * records (Kafka's Fetch v12, KIP-595 / KIP-320).
     */
    public record PartitionData(TopicPartition topicPartition, long fetchOffset, int currentLeaderEpoch,
                                int partitionMaxBytes, int lastFetchedEpoch) {
        public PartitionData {
            Objects.requireNonNull(topicPartition, "topicPartition");
        }

        /** Without a divergence check. */
        public PartitionData(TopicPartition topicPartition, long fetchOffset, int currentLeaderEpoch, int partitionMaxBytes) {
            this(topicPartition, fetchOffset, currentLeaderEpoch, partitionMaxBytes, -1);
        }
    }
}
