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
 * progress).
 *
 * <p>Fetch sessions (KIP-227): {@code sessionId} {@link #NO_SESSION_ID} with {@code sessionEpoch}
 * {@link #FINAL_EPOCH} is a full fetch outside any session (what consumers send). Epoch
 * {@link #INITIAL_EPOCH} is a full fetch that asks the leader to open a session (closing
 * {@code sessionId} if it names one); any other epoch is an incremental fetch of session
 * {@code sessionId}: {@code partitions} then holds only partitions added or repositioned since the
 * last request, and {@code forgotten} those that leave the session. Immutable.
 */
public record FetchRequest(int replicaId, int maxWaitMs, int minBytes, int maxBytes, List<PartitionData> partitions,
                           int sessionId, int sessionEpoch, List<TopicPartition> forgotten) implements ApiRequest {

    public static final int CONSUMER_REPLICA_ID = -1;
    /** The session id of a fetch outside any session. */
    public static final int NO_SESSION_ID = 0;
    /** The epoch of a full fetch that opens a session. */
    public static final int INITIAL_EPOCH = 0;
    /** The epoch of a full fetch outside any session (or one that closes its session). */
    public static final int FINAL_EPOCH = -1;

    public FetchRequest {
        partitions = List.copyOf(partitions);
        forgotten = List.copyOf(forgotten);
    }

    /** A full fetch outside any session. */
    public FetchRequest(int replicaId, int maxWaitMs, int minBytes, int maxBytes, List<PartitionData> partitions) {
        this(replicaId, maxWaitMs, minBytes, maxBytes, partitions, NO_SESSION_ID, FINAL_EPOCH, List.of());
    }

    /** Whether this fetch names every partition it wants (no session, or one being opened). */
    public boolean isFull() {
        return sessionEpoch == INITIAL_EPOCH || sessionEpoch == FINAL_EPOCH;
    }

    /** The same fetch with other partitions (the session fields kept). */
    public FetchRequest withPartitions(List<PartitionData> newPartitions) {
        return new FetchRequest(replicaId, maxWaitMs, minBytes, maxBytes, newPartitions, sessionId, sessionEpoch, forgotten);
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
