package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.BOOLEAN;
import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.any;
import static io.ferrymq.common.config.Validators.atLeast;
import static io.ferrymq.common.config.Validators.between;

import io.ferrymq.common.config.ConfigDefinition;

/**
 * Names and definitions of the replication keys (Kafka's names and defaults).
 *
 * <p>Constants only; thread-safe.
 */
public final class ReplicationConfigKeys {

    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";
    public static final String NUM_REPLICA_FETCHERS = "num.replica.fetchers";
    public static final String REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS =
            "replica.high.watermark.checkpoint.interval.ms";
    public static final String LEADER_REPLICATION_THROTTLED_RATE = "leader.replication.throttled.rate";
    public static final String FOLLOWER_REPLICATION_THROTTLED_RATE = "follower.replication.throttled.rate";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = "auto.leader.rebalance.enable";
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = "leader.imbalance.check.interval.seconds";

    static final String GROUP_REPLICATION = "Replication";

    private ReplicationConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(GROUP_REPLICATION, MIN_INSYNC_REPLICAS, INT, 1, atLeast(1), HIGH,
                "With acks=all, refuse a write with NOT_ENOUGH_REPLICAS when the ISR is smaller than this.");
        def.define(GROUP_REPLICATION, UNCLEAN_LEADER_ELECTION_ENABLE, BOOLEAN, false, any(), HIGH,
                "Let a replica outside the ISR lead when no ISR member is alive (may lose acknowledged writes).").dynamic();
        def.define(GROUP_REPLICATION, REPLICA_LAG_TIME_MAX_MS, LONG, 30_000L, atLeast(1), HIGH,
                "A follower that has not caught up to the leader's log end for this long leaves the ISR.");
        def.define(GROUP_REPLICATION, REPLICA_FETCH_MAX_BYTES, INT, 1_048_576, atLeast(0), MEDIUM,
                "Bytes a follower asks for per partition (at least one batch is always returned).");
        def.define(GROUP_REPLICATION, REPLICA_FETCH_RESPONSE_MAX_BYTES, INT, 10_485_760, atLeast(0), MEDIUM,
                "Bytes a follower asks for per fetch response, over all partitions.");
        def.define(GROUP_REPLICATION, REPLICA_FETCH_WAIT_MAX_MS, INT, 500, atLeast(0), MEDIUM,
                "Longest time a follower fetch waits on the leader for replica.fetch.min.bytes; must be "
                        + "below replica.lag.time.max.ms.");
        def.define(GROUP_REPLICATION, REPLICA_FETCH_MIN_BYTES, INT, 1, atLeast(1), MEDIUM,
                "Bytes a follower fetch waits for before the leader answers.");
        def.define(GROUP_REPLICATION, REPLICA_FETCH_BACKOFF_MS, INT, 1_000, atLeast(0), MEDIUM,
                "Pause of a fetcher after a failed fetch.");
        def.define(GROUP_REPLICATION, REPLICA_SOCKET_TIMEOUT_MS, INT, 30_000, atLeast(1), MEDIUM,
                "Request timeout of follower fetches; must exceed replica.fetch.wait.max.ms.");
        def.define(GROUP_REPLICATION, NUM_REPLICA_FETCHERS, INT, 1, between(1, 64), HIGH,
                "Fetcher threads per source broker.");
        def.define(GROUP_REPLICATION, REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, LONG, 5_000L, atLeast(1),
                MEDIUM, "How often high watermarks are checkpointed to disk.");
        def.define(GROUP_REPLICATION, LEADER_REPLICATION_THROTTLED_RATE, LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
                "Bytes per second this broker, as leader, serves to the followers listed in their topic's "
                        + "leader.replication.throttled.replicas while they are out of the ISR (all of them "
                        + "together); usually set dynamically for a reassignment.").dynamic();
        def.define(GROUP_REPLICATION, FOLLOWER_REPLICATION_THROTTLED_RATE, LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
                "Bytes per second this broker, as follower, fetches for its replicas listed in their topic's "
                        + "follower.replication.throttled.replicas (all of them together); usually set "
                        + "dynamically for a reassignment.").dynamic();
        def.define(GROUP_REPLICATION, AUTO_LEADER_REBALANCE_ENABLE, BOOLEAN, true, any(), HIGH,
                "Give leadership back to each partition's preferred replica (the first assigned) once it is "
                        + "registered and in the ISR again: asked for by the preferred replica's broker a few "
                        + "seconds after it is back in the ISR, and checked every "
                        + "leader.imbalance.check.interval.seconds.");
        def.define(GROUP_REPLICATION, LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, LONG, 300L, atLeast(1), HIGH,
                "How often a broker checks the partitions it hosts for a preferred replica that should lead.");
    }
}
