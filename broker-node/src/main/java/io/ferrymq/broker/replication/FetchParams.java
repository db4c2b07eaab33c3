package io.ferrymq.broker.replication;

/**
 * Request-level settings of a fetch: who fetches ({@link #CONSUMER_REPLICA_ID} for a consumer, which
 * reads below the high watermark; a broker id for a follower, which reads to the log end and reports
 * its progress through its fetch offsets), how long to wait for how many bytes, and the response's
 * byte budget over all partitions (at least one batch is returned so a fetch always progresses).
 *
 * <p>Immutable value.
 */
public record FetchParams(int replicaId, long maxWaitMs, int minBytes, int maxBytes) {

    public static final int CONSUMER_REPLICA_ID = -1;

    public FetchParams {
        if (maxWaitMs < 0 || minBytes < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("fetch maxWaitMs, minBytes and maxBytes must be >= 0, were "
                    + maxWaitMs + ", " + minBytes + ", " + maxBytes);
        }
    }

    public boolean isFromFollower() {
        return replicaId >= 0;
    }
}
