package io.ferrymq.client.consumer;

import io.ferrymq.client.common.config.BootstrapServers;
import io.ferrymq.client.common.config.ConfigDef;
import io.ferrymq.client.common.config.ConfigDef.Validator;
import io.ferrymq.client.common.config.ConfigException;
import io.ferrymq.client.common.config.ConfigType;
import io.ferrymq.client.common.config.ParsedConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consumer settings under Kafka's names and defaults, parsed and validated once by
 * {@link #parse(Map)}: unknown keys and invalid values are refused naming the key. Without a
 * {@code group.id}, auto-commit is off (and refused if asked for explicitly), as in Kafka.
 *
 * <p>Immutable and thread-safe.
 */
public record ConsumerConfig(List<InetSocketAddress> bootstrapServers, Optional<String> groupId,
                             OffsetResetStrategy autoOffsetReset, boolean enableAutoCommit,
                             int autoCommitIntervalMs, int fetchMinBytes, int fetchMaxWaitMs,
                             int maxPartitionFetchBytes, int fetchMaxBytes, int maxPollRecords,
                             int sessionTimeoutMs, int heartbeatIntervalMs, int maxPollIntervalMs,
                             List<String> partitionAssignmentStrategy, String clientId, int requestTimeoutMs,
                             int defaultApiTimeoutMs, long retryBackoffMs, long metadataMaxAgeMs) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String GROUP_ID = "group.id";
    public static final String AUTO_OFFSET_RESET = "auto.offset.reset";
    public static final String ENABLE_AUTO_COMMIT = "enable.auto.commit";
    public static final String AUTO_COMMIT_INTERVAL_MS = "auto.commit.interval.ms";
    public static final String FETCH_MIN_BYTES = "fetch.min.bytes";
    public static final String FETCH_MAX_WAIT_MS = "fetch.max.wait.ms";
    public static final String MAX_PARTITION_FETCH_BYTES = "max.partition.fetch.bytes";
    public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";
    public static final String PARTITION_ASSIGNMENT_STRATEGY = "partition.assignment.strategy";
    public static final String CLIENT_ID = "client.id";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String DEFAULT_API_TIMEOUT_MS = "default.api.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String METADATA_MAX_AGE_MS = "metadata.max.age.ms";

    /** Assignor names accepted by {@code partition.assignment.strategy}. */
    public static final List<String> ASSIGNORS = List.of("range", "roundrobin");

    public static final ConfigDef CONFIG = new ConfigDef()
            .defineRequired(BOOTSTRAP_SERVERS, ConfigType.LIST, Validator.any(), "host:port list used to find the cluster")
            .define(GROUP_ID, ConfigType.STRING, "", Validator.any(), "consumer group; empty for none")
            .define(AUTO_OFFSET_RESET, ConfigType.STRING, "latest",
                    Validator.oneOf(List.of("earliest", "latest", "none")), "where to start without a valid offset")
            .define(ENABLE_AUTO_COMMIT, ConfigType.BOOLEAN, true, Validator.any(), "commit offsets periodically")
            .define(AUTO_COMMIT_INTERVAL_MS, ConfigType.INT, 5000, Validator.atLeast(0), "auto-commit period")
            .define(FETCH_MIN_BYTES, ConfigType.INT, 1, Validator.atLeast(0), "bytes a fetch waits for")
            .define(FETCH_MAX_WAIT_MS, ConfigType.INT, 500, Validator.atLeast(0), "longest a fetch waits")
            .define(MAX_PARTITION_FETCH_BYTES, ConfigType.INT, 1024 * 1024, Validator.atLeast(0),
                    "bytes per partition per fetch (a first batch larger than this is still returned)")
            .define(FETCH_MAX_BYTES, ConfigType.INT, 50 * 1024 * 1024, Validator.atLeast(0), "bytes per fetch")
            .define(MAX_POLL_RECORDS, ConfigType.INT, 500, Validator.atLeast(1), "records returned per poll")
            .define(SESSION_TIMEOUT_MS, ConfigType.INT, 45_000, Validator.atLeast(1), "group session timeout")
            .define(HEARTBEAT_INTERVAL_MS, ConfigType.INT, 3000, Validator.atLeast(1), "group heartbeat period")
            .define(MAX_POLL_INTERVAL_MS, ConfigType.INT, 300_000, Validator.atLeast(1), "longest gap between polls")
            .define(PARTITION_ASSIGNMENT_STRATEGY, ConfigType.LIST, List.of("range"), new Validator(
                    v -> !((List<?>) v).isEmpty() && ASSIGNORS.containsAll((List<?>) v),
                    "a non-empty list of " + String.join(", ", ASSIGNORS)), "group partition assignors")
            .define(CLIENT_ID, ConfigType.STRING, "", Validator.any(), "name sent in every request header")
            .define(REQUEST_TIMEOUT_MS, ConfigType.INT, 30_000, Validator.atLeast(1), "wait for one response")
            .define(DEFAULT_API_TIMEOUT_MS, ConfigType.INT, 60_000, Validator.atLeast(0),
                    "deadline of blocking calls without an explicit timeout (commitSync, committed, offsets)")
            .define(RETRY_BACKOFF_MS, ConfigType.LONG, 100L, Validator.atLeast(0), "pause before a retry")
            .define(METADATA_MAX_AGE_MS, ConfigType.LONG, 300_000L, Validator.atLeast(0),
                    "refresh metadata at least this often");

    /** Parses and validates {@code props}; throws {@link ConfigException} naming the bad key. */
    public static ConsumerConfig parse(Map<String, ?> props) {
        ParsedConfig c = CONFIG.parse(props);
        Optional<String> group = Optional.of(c.getString(GROUP_ID)).filter(g -> !g.isBlank());
        if (group.isEmpty() && c.isExplicit(ENABLE_AUTO_COMMIT) && c.getBoolean(ENABLE_AUTO_COMMIT)) {
            throw new ConfigException(ENABLE_AUTO_COMMIT,
                    "Configuration '" + ENABLE_AUTO_COMMIT + "' cannot be true without '" + GROUP_ID + "'");
        }
        if (c.getInt(HEARTBEAT_INTERVAL_MS) >= c.getInt(SESSION_TIMEOUT_MS)) {
            throw new ConfigException(HEARTBEAT_INTERVAL_MS, "Invalid value " + c.getInt(HEARTBEAT_INTERVAL_MS)
                    + " for configuration '" + HEARTBEAT_INTERVAL_MS + "': must be lower than "
                    + SESSION_TIMEOUT_MS + " (" + c.getInt(SESSION_TIMEOUT_MS) + ")");
        }
        return new ConsumerConfig(BootstrapServers.parse(BOOTSTRAP_SERVERS, c.getList(BOOTSTRAP_SERVERS)),
                group, OffsetResetStrategy.valueOf(c.getString(AUTO_OFFSET_RESET).toUpperCase(java.util.Locale.ROOT)),
                group.isPresent() && c.getBoolean(ENABLE_AUTO_COMMIT), c.getInt(AUTO_COMMIT_INTERVAL_MS),
                c.getInt(FETCH_MIN_BYTES), c.getInt(FETCH_MAX_WAIT_MS), c.getInt(MAX_PARTITION_FETCH_BYTES),
                c.getInt(FETCH_MAX_BYTES), c.getInt(MAX_POLL_RECORDS), c.getInt(SESSION_TIMEOUT_MS),
                c.getInt(HEARTBEAT_INTERVAL_MS), c.getInt(MAX_POLL_INTERVAL_MS),
                c.getList(PARTITION_ASSIGNMENT_STRATEGY), c.getString(CLIENT_ID), c.getInt(REQUEST_TIMEOUT_MS),
                c.getInt(DEFAULT_API_TIMEOUT_MS), c.getLong(RETRY_BACKOFF_MS), c.getLong(METADATA_MAX_AGE_MS));
    }
}
