package io.ferrymq.common.config;

import java.util.Map;
import java.util.Optional;

/**
 * Names and definitions of the topic-level configuration overrides that brokers read from a
 * topic's metadata (Kafka keeps these in {@code TopicConfig}, shared by clients and brokers). An
 * override left unset falls back to the broker's setting of the same name, so none has a default
 * here.
 *
 * <p>Immutable after class initialisation; thread-safe.
 */
public final class TopicConfigKeys {

    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String COMPRESSION_TYPE = "compression.type";

    /** Every topic-level key the broker reads. */
    public static final ConfigDefinition DEFINITION = new ConfigDefinition()
            .defineOptional("Topic", MIN_INSYNC_REPLICAS, ConfigType.INT, Validators.atLeast(1), Importance.HIGH,
                    "With acks=all, refuse a write to this topic with NOT_ENOUGH_REPLICAS when the ISR is "
                            + "smaller than this; overrides the broker's min.insync.replicas.")
            .defineOptional("Topic", COMPRESSION_TYPE, ConfigType.STRING,
                    Validators.oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"),
                    Importance.MEDIUM, "The codec this topic stores: producer keeps the producer's, uncompressed "
                            + "none, a codec name recompresses every batch on the leader.");

    private TopicConfigKeys() {
    }

    /**
     * The {@code min.insync.replicas} override among a topic's {@code configs} (other keys are
     * ignored), empty when unset; throws {@link ConfigException} when it is not an int of at least 1.
     */
    public static Optional<Integer> minInsyncReplicas(Map<String, String> configs) {
        return DEFINITION.key(MIN_INSYNC_REPLICAS).orElseThrow().valueIn(configs).map(Integer.class::cast);
    }

    /** The {@code compression.type} override among a topic's {@code configs}, empty when unset. */
    public static Optional<String> compressionType(Map<String, String> configs) {
        return DEFINITION.key(COMPRESSION_TYPE).orElseThrow().valueIn(configs).map(String.class::cast);
    }
}
