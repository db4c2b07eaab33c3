package io.ferrymq.broker.replication;

import java.time.Duration;
import java.util.Objects;

/**
 * The replication settings of one broker, with Kafka's names: {@code broker.id},
 * {@code replica.lag.time.max.ms}, {@code min.insync.replicas} (default; topics may override it),
 * {@code unclean.leader.election.enable}, {@code replica.fetch.max.bytes} (per partition),
 * {@code replica.fetch.response.max.bytes}, {@code replica.fetch.wait.max.ms},
 * {@code replica.fetch.min.bytes}, {@code replica.fetch.backoff.ms}, {@code replica.socket.timeout.ms},
 * {@code num.replica.fetchers} (fetcher threads per source broker),
 * {@code replica.high.watermark.checkpoint.interval.ms}, the bound on controlled shutdown,
 * {@code auto.leader.rebalance.enable} and {@code leader.imbalance.check.interval.seconds}.
 *
 * <p>Immutable value.
 */
public record ReplicationConfig(
        int brokerId,
        long replicaLagTimeMaxMs,
        int minInsyncReplicas,
        boolean uncleanLeaderElectionEnable,
        int replicaFetchMaxBytes,
        int replicaFetchResponseMaxBytes,
        int replicaFetchWaitMaxMs,
        int replicaFetchMinBytes,
        int replicaFetchBackoffMs,
        int replicaSocketTimeoutMs,
        int numReplicaFetchers,
        long highWatermarkCheckpointIntervalMs,
        Duration controlledShutdownTimeout,
        boolean autoLeaderRebalanceEnable,
        Duration leaderImbalanceCheckInterval) {

    public ReplicationConfig {
        Objects.requireNonNull(controlledShutdownTimeout, "controlledShutdownTimeout");
        Objects.requireNonNull(leaderImbalanceCheckInterval, "leaderImbalanceCheckInterval");
        requireAtLeast("leader.imbalance.check.interval.seconds", leaderImbalanceCheckInterval.toMillis(), 1);
        requireAtLeast("broker.id", brokerId, 0);
        requireAtLeast("replica.lag.time.max.ms", replicaLagTimeMaxMs, 1);
        requireAtLeast("min.insync.replicas", minInsyncReplicas, 1);
        requireAtLeast("replica.fetch.max.bytes", replicaFetchMaxBytes, 0);
        requireAtLeast("replica.fetch.response.max.bytes", replicaFetchResponseMaxBytes, 0);
        requireAtLeast("replica.fetch.wait.max.ms", replicaFetchWaitMaxMs, 0);
        requireAtLeast("replica.fetch.min.bytes", replicaFetchMinBytes, 1);
        requireAtLeast("replica.fetch.backoff.ms", replicaFetchBackoffMs, 0);
        requireAtLeast("replica.socket.timeout.ms", replicaSocketTimeoutMs, 1);
        requireAtLeast("num.replica.fetchers", numReplicaFetchers, 1);
        requireAtLeast("replica.high.watermark.checkpoint.interval.ms", highWatermarkCheckpointIntervalMs, 1);
        if (replicaSocketTimeoutMs <= replicaFetchWaitMaxMs) {
            throw new IllegalArgumentException("replica.socket.timeout.ms (" + replicaSocketTimeoutMs
                    + ") must exceed replica.fetch.wait.max.ms (" + replicaFetchWaitMaxMs + ")");
        }
    }

    /** Kafka's defaults for everything but the broker id. */
    public static ReplicationConfig defaults(int brokerId) {
        return new ReplicationConfig(brokerId, 30_000L, 1, false, 1_048_576, 10_485_760, 500, 1, 1_000, 30_000, 1,
                5_000L, Duration.ofSeconds(30), true, Duration.ofSeconds(300));
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + ", was " + value);
        }
    }
}
