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

import io.ferrymq.broker.group.GroupConfig;
import io.ferrymq.broker.log.CleanupConfig;
import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.cleaner.CleanerConfig;
import io.ferrymq.broker.replication.ReplicationConfig;
import io.ferrymq.broker.security.AuthorizerSettings;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.coordinator.zk.ZkConfig;
import io.ferrymq.coordinator.zk.ZkSecurity;
import io.ferrymq.common.record.TimestampType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    /** The ZooKeeper client settings ({@code zookeeper.*}); credentials come from JAAS ({@link ZkSecurity}). */
    public static ZkConfig zkConfig(BrokerConfig config) {
        try {
            return new ZkConfig(config.getString(ServerConfigKeys.ZOOKEEPER_CONNECT),
                    Duration.ofMillis(config.getInt(ServerConfigKeys.ZOOKEEPER_SESSION_TIMEOUT_MS)),
                    Duration.ofMillis(config.getInt(ServerConfigKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MS)),
                    ZkConfig.DEFAULT_MAX_RETRIES, ZkConfig.DEFAULT_RETRY_BASE_SLEEP,
                    config.getBoolean(ServerConfigKeys.ZOOKEEPER_SET_ACL) ? ZkSecurity.saslAcls() : ZkSecurity.NONE);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid ZooKeeper configuration: " + e.getMessage());
        }
    }

    /**
     * The log storage settings ({@code log.*}, {@code message.max.bytes},
     * {@code producer.id.expiration.ms}); {@code .ms} forms win over hours. */
    public static LogConfig logConfig(BrokerConfig config) {
        try {
            return new LogConfig(config.getList(LogConfigKeys.LOG_DIRS).stream().map(Path::of).toList(),
                    config.getInt(LogConfigKeys.LOG_SEGMENT_BYTES),
                    config.logRollMs(),
                    config.getInt(LogConfigKeys.LOG_INDEX_INTERVAL_BYTES),
                    config.getInt(LogConfigKeys.LOG_INDEX_SIZE_MAX_BYTES),
                    config.logRetentionMs(),
                    config.getLong(LogConfigKeys.LOG_RETENTION_BYTES),
                    config.getLong(LogConfigKeys.LOG_FLUSH_INTERVAL_MESSAGES),
                    config.getLong(LogConfigKeys.LOG_FLUSH_INTERVAL_MS),
                    config.getInt(LogConfigKeys.MESSAGE_MAX_BYTES),
                    config.getLong(LogConfigKeys.LOG_RETENTION_CHECK_INTERVAL_MS),
                    config.getLong(LogConfigKeys.LOG_FLUSH_SCHEDULER_INTERVAL_MS),
                    config.getInt(LogConfigKeys.LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS),
                    config.getLong(LogConfigKeys.MESSAGE_MAX_DECOMPRESSED_BYTES),
                    config.getLong(LogConfigKeys.PRODUCER_ID_EXPIRATION_MS),
                    TimestampType.CREATE_TIME,
                    new CleanupConfig(true, false, config.getDouble(CleanerConfigKeys.LOG_CLEANER_MIN_CLEANABLE_RATIO),
                            config.getLong(CleanerConfigKeys.LOG_CLEANER_DELETE_RETENTION_MS),
                            config.getLong(CleanerConfigKeys.LOG_CLEANER_MIN_COMPACTION_LAG_MS))
                            .withPolicy(config.getList(CleanerConfigKeys.LOG_CLEANUP_POLICY)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid log configuration: " + e.getMessage());
        }
    }

    /** The log cleaner's settings ({@code log.cleaner.*}). */
    public static CleanerConfig cleanerConfig(BrokerConfig config) {
        try {
            return new CleanerConfig(config.getBoolean(CleanerConfigKeys.LOG_CLEANER_ENABLE),
                    config.getInt(CleanerConfigKeys.LOG_CLEANER_THREADS),
                    config.getLong(CleanerConfigKeys.LOG_CLEANER_DEDUPE_BUFFER_SIZE),
                    config.getLong(CleanerConfigKeys.LOG_CLEANER_BACKOFF_MS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid log cleaner configuration: " + e.getMessage());
        }
    }

    /** The group coordinator's settings ({@code group.*} session timeouts and initial rebalance delay). */
    public static GroupConfig groupConfig(BrokerConfig config) {
        try {
            return new GroupConfig(config.getInt(GroupConfigKeys.GROUP_MIN_SESSION_TIMEOUT_MS),
                    config.getInt(GroupConfigKeys.GROUP_MAX_SESSION_TIMEOUT_MS),
                    config.getInt(GroupConfigKeys.GROUP_INITIAL_REBALANCE_DELAY_MS),
                    config.getInt(GroupConfigKeys.OFFSETS_RETENTION_MINUTES) * 60_000L,
                    config.getLong(GroupConfigKeys.OFFSETS_RETENTION_CHECK_INTERVAL_MS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid group configuration: " + e.getMessage());
        }
    }

    /** The authorizer's settings, when {@code authorizer.class.name} turns authorization on. */
    public static Optional<AuthorizerSettings> authorizerSettings(BrokerConfig config) {
        if (config.getString(AuthorizerConfigKeys.AUTHORIZER_CLASS_NAME).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new AuthorizerSettings(
                AuthorizerSettings.parseSuperUsers(config.getString(AuthorizerConfigKeys.SUPER_USERS)),
                config.getBoolean(AuthorizerConfigKeys.ALLOW_EVERYONE_IF_NO_ACL_FOUND)));
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
                    Duration.ofMillis(config.getLong(ServerConfigKeys.CONTROLLED_SHUTDOWN_TIMEOUT_MS)),
                    config.getBoolean(ReplicationConfigKeys.AUTO_LEADER_REBALANCE_ENABLE),
                    Duration.ofSeconds(config.getLong(ReplicationConfigKeys.LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid replication configuration: " + e.getMessage());
        }
    }
}
