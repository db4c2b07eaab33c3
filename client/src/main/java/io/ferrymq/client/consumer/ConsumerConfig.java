package io.ferrymq.client.consumer;

import static io.ferrymq.common.config.ConfigType.BOOLEAN;
import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.LOW;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.any;
import static io.ferrymq.common.config.Validators.atLeast;
import static io.ferrymq.common.config.Validators.nonEmptyListOf;
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.BootstrapServers;
import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.config.ParsedConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Consumer settings under Kafka's names and defaults, parsed and validated once by
 * {@link #parse(Map)} against {@link #CONFIG}: every unknown key (with the nearest known one),
 * invalid value and inconsistent pair is refused in one {@link ConfigException}. Without a
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
                             int defaultApiTimeoutMs, long retryBackoffMs, long metadataMaxAgeMs,
                             ClientSecurity security) {

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

    static final String GROUP = "Consumer";

    public static final ConfigDefinition CONFIG = ClientSecurity.defineInto(new ConfigDefinition()
            .defineRequired(GROUP, BOOTSTRAP_SERVERS, LIST, BootstrapServers.validator(), HIGH,
                    "host:port list used to find the cluster")
            .define(GROUP, GROUP_ID, STRING, "", any(), HIGH, "consumer group; empty for none")
            .define(GROUP, AUTO_OFFSET_RESET, STRING, "latest", oneOf("earliest", "latest", "none"), MEDIUM,
                    "where to start without a valid offset")
            .define(GROUP, ENABLE_AUTO_COMMIT, BOOLEAN, true, any(), MEDIUM, "commit offsets periodically")
            .define(GROUP, AUTO_COMMIT_INTERVAL_MS, INT, 5000, atLeast(0), LOW, "auto-commit period")
            .define(GROUP, FETCH_MIN_BYTES, INT, 1, atLeast(0), HIGH, "bytes a fetch waits for")
            .define(GROUP, FETCH_MAX_WAIT_MS, INT, 500, atLeast(0), LOW, "longest a fetch waits")
            .define(GROUP, MAX_PARTITION_FETCH_BYTES, INT, 1024 * 1024, atLeast(0), HIGH,
                    "bytes per partition per fetch (a first batch larger than this is still returned)")
            .define(GROUP, FETCH_MAX_BYTES, INT, 50 * 1024 * 1024, atLeast(0), MEDIUM, "bytes per fetch")
            .define(GROUP, MAX_POLL_RECORDS, INT, 500, atLeast(1), MEDIUM, "records returned per poll")
            .define(GROUP, SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), HIGH, "group session timeout")
            .define(GROUP, HEARTBEAT_INTERVAL_MS, INT, 3000, atLeast(1), HIGH, "group heartbeat period")
            .define(GROUP, MAX_POLL_INTERVAL_MS, INT, 300_000, atLeast(1), MEDIUM, "longest gap between polls")
            .define(GROUP, PARTITION_ASSIGNMENT_STRATEGY, LIST, List.of("range"),
                    nonEmptyListOf(ASSIGNORS.toArray(String[]::new)), MEDIUM, "group partition assignors")
            .define(GROUP, CLIENT_ID, STRING, "", any(), MEDIUM, "name sent in every request header")
            .define(GROUP, REQUEST_TIMEOUT_MS, INT, 30_000, atLeast(1), MEDIUM, "wait for one response")
            .define(GROUP, DEFAULT_API_TIMEOUT_MS, INT, 60_000, atLeast(0), MEDIUM,
                    "deadline of blocking calls without an explicit timeout (commitSync, committed, offsets)")
            .define(GROUP, RETRY_BACKOFF_MS, LONG, 100L, atLeast(0), LOW, "pause before a retry")
            .define(GROUP, METADATA_MAX_AGE_MS, LONG, 300_000L, atLeast(0), LOW,
                    "refresh metadata at least this often"), "Security");

    /** Parses and validates {@code props}; throws one {@link ConfigException} listing every problem. */
    public static ConsumerConfig parse(Map<String, ?> props) {
        ParsedConfig c = CONFIG.parse(props);
        Optional<String> group = Optional.of(c.getString(GROUP_ID)).filter(g -> !g.isBlank());
        checkConsistency(c, group);
        return new ConsumerConfig(BootstrapServers.parse(BOOTSTRAP_SERVERS, c.getList(BOOTSTRAP_SERVERS)),
                group, OffsetResetStrategy.valueOf(c.getString(AUTO_OFFSET_RESET).toUpperCase(Locale.ROOT)),
                group.isPresent() && c.getBoolean(ENABLE_AUTO_COMMIT), c.getInt(AUTO_COMMIT_INTERVAL_MS),
                c.getInt(FETCH_MIN_BYTES), c.getInt(FETCH_MAX_WAIT_MS), c.getInt(MAX_PARTITION_FETCH_BYTES),
                c.getInt(FETCH_MAX_BYTES), c.getInt(MAX_POLL_RECORDS), c.getInt(SESSION_TIMEOUT_MS),
                c.getInt(HEARTBEAT_INTERVAL_MS), c.getInt(MAX_POLL_INTERVAL_MS),
                c.getList(PARTITION_ASSIGNMENT_STRATEGY), c.getString(CLIENT_ID), c.getInt(REQUEST_TIMEOUT_MS),
                c.getInt(DEFAULT_API_TIMEOUT_MS), c.getLong(RETRY_BACKOFF_MS), c.getLong(METADATA_MAX_AGE_MS),
                ClientSecurity.from(c));
    }

    /** These settings with connections secured as {@code other} says (for a broker's own clients). */
    public ConsumerConfig withSecurity(ClientSecurity other) {
        return new ConsumerConfig(bootstrapServers, groupId, autoOffsetReset, enableAutoCommit, autoCommitIntervalMs,
                fetchMinBytes, fetchMaxWaitMs, maxPartitionFetchBytes, fetchMaxBytes, maxPollRecords, sessionTimeoutMs,
                heartbeatIntervalMs, maxPollIntervalMs, partitionAssignmentStrategy, clientId, requestTimeoutMs,
                defaultApiTimeoutMs, retryBackoffMs, metadataMaxAgeMs, other);
    }

    private static void checkConsistency(ParsedConfig c, Optional<String> group) {
        List<ConfigException> problems = new ArrayList<>();
        if (group.isEmpty() && c.isExplicit(ENABLE_AUTO_COMMIT) && c.getBoolean(ENABLE_AUTO_COMMIT)) {
            problems.add(new ConfigException(ENABLE_AUTO_COMMIT,
                    "Configuration '" + ENABLE_AUTO_COMMIT + "' cannot be true without '" + GROUP_ID + "'"));
        }
        if (c.getInt(HEARTBEAT_INTERVAL_MS) >= c.getInt(SESSION_TIMEOUT_MS)) {
            problems.add(ConfigException.invalid(HEARTBEAT_INTERVAL_MS, c.getInt(HEARTBEAT_INTERVAL_MS),
                    "must be lower than " + SESSION_TIMEOUT_MS + " (" + c.getInt(SESSION_TIMEOUT_MS) + ")"));
        }
        if (!problems.isEmpty()) {
            throw ConfigException.combine(problems);
        }
    }
}
