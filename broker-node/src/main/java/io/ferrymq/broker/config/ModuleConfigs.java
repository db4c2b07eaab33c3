package io.ferrymq.broker.config;

import static io.ferrymq.broker.config.ReplicationConfigKeys.MIN_INSYNC_REPLICAS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.NUM_REPLICA_FETCHERS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_FETCH_BACKOFF_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_FETCH_MAX_BYTES;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_FETCH_MIN_BYTES;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_FETCH_RESPONSE_MAX_BYTES;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_FETCH_WAIT_MAX_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_LAG_TIME_MAX_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_SOCKET_TIMEOUT_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.UNCLEAN_LEADER_ELECTION_ENABLE;

import io.ferrymq.broker.replication.ReplicationConfig;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.time.Duration;

/**
 * Maps the broker's configuration onto each module's own config record, so modules never read
 * broker keys themselves. A record that rejects a value it was given becomes a
 * {@link ConfigException} naming the key.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModuleConfigs {

    private ModuleConfigs() {
    }

    /** The ZooKeeper client settings ({@code zookeeper.*}). */
    public static ZkConfig zkConfig(BrokerConfig config) {
        try {
            return new ZkConfig(config.getString(ServerConfigKeys.ZOOKEEPER_CONNECT),
                    Duration.ofMillis(config.getInt(ServerConfigKeys.ZOOKEEPER_SESSION_TIMEOUT_MS)),
                    Duration.ofMillis(config.getInt(ServerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS)),
                    ZkConfig.DEFAULT_MAX_RETRIES, ZkConfig.DEFAULT_RETRY_BASE_SLEEP);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid ZooKeeper configuration: " + e.getMessage());
        }
    }

    /** The replication settings ({@code replica.*}, {@code min.insync.replicas}, unclean election). */
    public static ReplicationConfig replicationConfig(BrokerConfig config) {
        try {
            return new ReplicationConfig(config.brokerId(),
                    config.getLong(REPLICA_LAG_TIME_MAX_MS),
                    config.getInt(MIN_INSYNC_REPLICAS),
                    config.getBoolean(UNCLEAN_LEADER_ELECTION_ENABLE),
                    config.getInt(REPLICA_FETCH_MAX_BYTES),
                    config.getInt(REPLICA_FETCH_RESPONSE_MAX_BYTES),
                    config.getInt(REPLICA_FETCH_WAIT_MAX_MS),
                    config.getInt(REPLICA_FETCH_MIN_BYTES),
                    config.getInt(REPLICA_FETCH_BACKOFF_MS),
                    config.getInt(REPLICA_SOCKET_TIMEOUT_MS),
                    config.getInt(NUM_REPLICA_FETCHERS),
                    config.getLong(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS),
                    Duration.ofMillis(config.getLong(ServerConfigKeys.CONTROLLED_SHUTDOWN_TIMEOUT_MS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid replication configuration: " + e.getMessage());
        }
    }
}
