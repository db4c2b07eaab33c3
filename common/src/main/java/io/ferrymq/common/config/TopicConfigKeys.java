package io.ferrymq.common.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one definition of the topic-level configuration overrides (Kafka keeps these in
 * {@code TopicConfig}, shared by clients and brokers): every key a topic may set, with Kafka's name,
 * type and lower bound, each of which the brokers apply to every replica of the topic, live. An
 * override left unset falls back to the broker's setting it is a synonym of ({@link #BROKER_SYNONYMS}),
 * so none has a default here. Kafka topic keys Ferry does not implement ({@link #NOT_IMPLEMENTED}, and
 * {@code cleanup.policy} with {@code compact}) are refused by {@link #validate} with a message naming
 * them, never accepted and ignored.
 *
 * <p>Immutable after class initialisation; thread-safe.
 */
public final class TopicConfigKeys {

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String FOLLOWER_REPLICATION_THROTTLED_REPLICAS = "follower.replication.throttled.replicas";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String LEADER_REPLICATION_THROTTLED_REPLICAS = "leader.replication.throttled.replicas";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    /** {@code message.timestamp.type}'s values, as Kafka spells them. */
    public static final String CREATE_TIME = "CreateTime";
    public static final String LOG_APPEND_TIME = "LogAppendTime";

    private static final String GROUP = "Topic";

    /** Every topic-level key Ferry accepts; each takes effect on every replica of the topic, live. */
    public static final ConfigDefinition DEFINITION = new ConfigDefinition()
            .defineOptional(GROUP, CLEANUP_POLICY, ConfigType.LIST, Validators.nonEmptyListOf("delete"),
                    Importance.MEDIUM, "delete: old segments are deleted by retention.ms and retention.bytes "
                            + "(compact is not implemented and is refused).")
            .defineOptional(GROUP, COMPRESSION_TYPE, ConfigType.STRING,
                    Validators.oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"),
                    Importance.MEDIUM, "The codec this topic stores: producer keeps the producer's, uncompressed "
                            + "none, a codec name recompresses every batch on the leader.")
            .defineOptional(GROUP, FLUSH_MESSAGES, ConfigType.LONG, Validators.atLeast(1), Importance.MEDIUM,
                    "Fsync the log after this many records; overrides log.flush.interval.messages.")
            .defineOptional(GROUP, FLUSH_MS, ConfigType.LONG, Validators.atLeast(0), Importance.MEDIUM,
                    "Fsync the log when the last flush is older than this; overrides log.flush.interval.ms.")
            .defineOptional(GROUP, FOLLOWER_REPLICATION_THROTTLED_REPLICAS, ConfigType.LIST,
                    ThrottledReplicas.VALIDATOR, Importance.MEDIUM, "Replicas whose fetching is limited on the "
                            + "follower by its follower.replication.throttled.rate: * or partition:broker pairs "
                            + "(the broker being the follower).")
            .defineOptional(GROUP, INDEX_INTERVAL_BYTES, ConfigType.INT, Validators.atLeast(0), Importance.LOW,
                    "Bytes of log between offset index entries of new segments; overrides log.index.interval.bytes.")
            .defineOptional(GROUP, LEADER_REPLICATION_THROTTLED_REPLICAS, ConfigType.LIST,
                    ThrottledReplicas.VALIDATOR, Importance.MEDIUM, "Replicas the leader serves no faster than its "
                            + "leader.replication.throttled.rate while they are out of the ISR: * or "
                            + "partition:broker pairs (the broker being the follower served).")
            .defineOptional(GROUP, MAX_MESSAGE_BYTES, ConfigType.INT, Validators.atLeast(0), Importance.MEDIUM,
                    "Largest batch the leader accepts (RECORD_TOO_LARGE above); overrides message.max.bytes.")
            .defineOptional(GROUP, MESSAGE_TIMESTAMP_TYPE, ConfigType.STRING, Validators.oneOf(CREATE_TIME,
                    LOG_APPEND_TIME), Importance.MEDIUM, "CreateTime keeps the producer's timestamps; "
                            + "LogAppendTime makes the leader stamp every batch with its clock.")
            .defineOptional(GROUP, MIN_INSYNC_REPLICAS, ConfigType.INT, Validators.atLeast(1), Importance.HIGH,
                    "With acks=all, refuse a write to this topic with NOT_ENOUGH_REPLICAS when the ISR is "
                            + "smaller than this; overrides the broker's min.insync.replicas.")
            .defineOptional(GROUP, RETENTION_BYTES, ConfigType.LONG, Validators.atLeast(-1), Importance.MEDIUM,
                    "Delete the oldest segments while a partition is larger (-1 = no limit); overrides "
                            + "log.retention.bytes.")
            .defineOptional(GROUP, RETENTION_MS, ConfigType.LONG, Validators.atLeast(-1), Importance.MEDIUM,
                    "Delete segments whose newest record is older (-1 = keep forever); overrides log.retention.ms.")
            .defineOptional(GROUP, SEGMENT_BYTES, ConfigType.INT, Validators.atLeast(100), Importance.MEDIUM,
                    "Roll to a new segment when the active one would exceed this; overrides log.segment.bytes.")
            .defineOptional(GROUP, SEGMENT_INDEX_BYTES, ConfigType.INT, Validators.atLeast(16), Importance.LOW,
                    "Size of the indexes of new segments (roll when full); overrides log.index.size.max.bytes.")
            .defineOptional(GROUP, SEGMENT_MS, ConfigType.LONG, Validators.atLeast(1), Importance.MEDIUM,
                    "Roll to a new segment when the active one is older than this; overrides log.roll.ms.")
            .defineOptional(GROUP, UNCLEAN_LEADER_ELECTION_ENABLE, ConfigType.BOOLEAN, Validators.any(),
                    Importance.HIGH, "Let a replica outside the ISR become leader of this topic's partitions "
                            + "when no ISR member is alive (acknowledged writes may be lost); overrides the broker's.");

    /** The broker setting each topic key overrides (Kafka's synonyms), where the names differ or exist. */
    public static final Map<String, String> BROKER_SYNONYMS = Map.ofEntries(
            Map.entry(CLEANUP_POLICY, "log.cleanup.policy"),
            Map.entry(COMPRESSION_TYPE, COMPRESSION_TYPE),
            Map.entry(FLUSH_MESSAGES, "log.flush.interval.messages"),
            Map.entry(FLUSH_MS, "log.flush.interval.ms"),
            Map.entry(INDEX_INTERVAL_BYTES, "log.index.interval.bytes"),
            Map.entry(MAX_MESSAGE_BYTES, "message.max.bytes"),
            Map.entry(MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type"),
            Map.entry(MIN_INSYNC_REPLICAS, MIN_INSYNC_REPLICAS),
            Map.entry(RETENTION_BYTES, "log.retention.bytes"),
            Map.entry(RETENTION_MS, "log.retention.ms"),
            Map.entry(SEGMENT_BYTES, "log.segment.bytes"),
            Map.entry(SEGMENT_INDEX_BYTES, "log.index.size.max.bytes"),
            Map.entry(SEGMENT_MS, "log.roll.ms"),
            Map.entry(UNCLEAN_LEADER_ELECTION_ENABLE, UNCLEAN_LEADER_ELECTION_ENABLE));

    /** Kafka topic keys Ferry does not implement: refused by {@link #validate} rather than ignored. */
    public static final List<String> NOT_IMPLEMENTED = List.of("compression.gzip.level", "compression.lz4.level",
            "compression.zstd.level", "delete.retention.ms", "file.delete.delay.ms", "local.retention.bytes", "local.retention.ms", "max.compaction.lag.ms", "message.downconversion.enable",
            "message.format.version", "message.timestamp.after.max.ms", "message.timestamp.before.max.ms",
            "message.timestamp.difference.max.ms", "min.cleanable.dirty.ratio", "min.compaction.lag.ms",
            "preallocate", "remote.storage.enable", "segment.jitter.ms");

    private TopicConfigKeys() {
    }

    /**
     * Checks every override: a key of {@link #DEFINITION} with a valid value. Throws a
     * {@link ConfigException} naming the first bad key: one Ferry does not implement (a key of
     * {@link #NOT_IMPLEMENTED}, or {@code cleanup.policy} with {@code compact}), an unknown one, or an
     * invalid value.
     */
    public static void validate(Map<String, String> overrides) {
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            String key = override.getKey();
            String value = override.getValue();
            if (NOT_IMPLEMENTED.contains(key)) {
                throw new ConfigException(key, "topic config '" + key + "' is not implemented by Ferry; it is "
                        + "refused rather than accepted and ignored");
            }
            ConfigKey definition = DEFINITION.key(key).orElseThrow(
                    () -> new ConfigException(key, "unknown topic config '" + key + "'"));
            if (value == null) {
                throw new ConfigException(key, "topic config '" + key + "' has no value");
            }
            if (key.equals(CLEANUP_POLICY) && value.contains("compact")) {
                throw new ConfigException(key, "topic config cleanup.policy=" + value + " is not implemented by "
                        + "Ferry (no log compaction); only cleanup.policy=delete is");
            }
            definition.parse(value);
        }
    }

    /** The parsed override of {@code key} among a topic's {@code configs}, empty when unset. */
    public static Optional<Object> value(Map<String, String> configs, String key) {
        return DEFINITION.key(key).orElseThrow(() -> new IllegalArgumentException("not a topic config: " + key))
                .valueIn(configs);
    }

    /**
     * The {@code min.insync.replicas} override among a topic's {@code configs} (other keys are
     * ignored), empty when unset; throws {@link ConfigException} when it is not an int of at least 1.
     */
    public static Optional<Integer> minInsyncReplicas(Map<String, String> configs) {
        return value(configs, MIN_INSYNC_REPLICAS).map(Integer.class::cast);
    }

    /** The {@code compression.type} override among a topic's {@code configs}, empty when unset. */
    public static Optional<String> compressionType(Map<String, String> configs) {
        return value(configs, COMPRESSION_TYPE).map(String.class::cast);
    }

    /**
     * The replicas {@code key} (one of the two {@code *.replication.throttled.replicas}) throttles among a
     * topic's {@code configs}; none when unset.
     */
    @SuppressWarnings("unchecked")
    public static ThrottledReplicas throttledReplicas(Map<String, String> configs, String key) {
        return value(configs, key).map(v -> ThrottledReplicas.parse(key, (List<String>) v))
                .orElse(ThrottledReplicas.NONE);
    }

    /** The {@code unclean.leader.election.enable} override among a topic's {@code configs}, empty when unset. */
    public static Optional<Boolean> uncleanLeaderElectionEnable(Map<String, String> configs) {
        return value(configs, UNCLEAN_LEADER_ELECTION_ENABLE).map(Boolean.class::cast);
    }
}
