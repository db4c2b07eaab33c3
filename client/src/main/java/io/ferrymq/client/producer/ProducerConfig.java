package io.ferrymq.client.producer;

import io.ferrymq.client.common.config.BootstrapServers;
import io.ferrymq.client.common.config.ConfigDef;
import io.ferrymq.client.common.config.ConfigDef.Validator;
import io.ferrymq.client.common.config.ConfigException;
import io.ferrymq.client.common.config.ConfigType;
import io.ferrymq.client.common.config.ParsedConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Producer settings under Kafka's names and defaults, parsed and validated once by
 * {@link #parse(Map)}: unknown keys and invalid values are refused naming the key. {@code acks} is
 * held as its wire value (-1 for {@code all}).
 *
 * <p>Immutable and thread-safe.
 */
public record ProducerConfig(List<InetSocketAddress> bootstrapServers, short acks, int batchSize, long lingerMs,
                             long bufferMemory, long maxBlockMs, int retries, long retryBackoffMs,
                             int deliveryTimeoutMs, int requestTimeoutMs, int maxInFlightRequestsPerConnection,
                             String compressionType, String clientId, int maxRequestSize, long metadataMaxAgeMs) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String ACKS = "acks";
    public static final String BATCH_SIZE = "batch.size";
    public static final String LINGER_MS = "linger.ms";
    public static final String BUFFER_MEMORY = "buffer.memory";
    public static final String MAX_BLOCK_MS = "max.block.ms";
    public static final String RETRIES = "retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String DELIVERY_TIMEOUT_MS = "delivery.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String MAX_IN_FLIGHT = "max.in.flight.requests.per.connection";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String CLIENT_ID = "client.id";
    public static final String MAX_REQUEST_SIZE = "max.request.size";
    public static final String METADATA_MAX_AGE_MS = "metadata.max.age.ms";

    public static final ConfigDef CONFIG = new ConfigDef()
            .defineRequired(BOOTSTRAP_SERVERS, ConfigType.LIST, Validator.any(), "host:port list used to find the cluster")
            .define(ACKS, ConfigType.STRING, "all", Validator.oneOf(List.of("all", "-1", "0", "1")),
                    "0: no response; 1: the leader appended; all: every in-sync replica has the record")
            .define(BATCH_SIZE, ConfigType.INT, 16384, Validator.atLeast(64), "bytes per partition batch")
            .define(LINGER_MS, ConfigType.LONG, 5L, Validator.atLeast(0), "how long to wait for a batch to fill")
            .define(BUFFER_MEMORY, ConfigType.LONG, 32L * 1024 * 1024, Validator.atLeast(1024),
                    "total bytes of batches waiting to be sent")
            .define(MAX_BLOCK_MS, ConfigType.LONG, 60_000L, Validator.atLeast(0),
                    "how long send() may block for metadata or buffer memory")
            .define(RETRIES, ConfigType.INT, Integer.MAX_VALUE, Validator.atLeast(0), "retries of retriable errors")
            .define(RETRY_BACKOFF_MS, ConfigType.LONG, 100L, Validator.atLeast(0), "pause before a retry")
            .define(DELIVERY_TIMEOUT_MS, ConfigType.INT, 120_000, Validator.atLeast(1),
                    "upper bound from send() to success or failure")
            .define(REQUEST_TIMEOUT_MS, ConfigType.INT, 30_000, Validator.atLeast(1), "wait for one response")
            .define(MAX_IN_FLIGHT, ConfigType.INT, 5, Validator.atLeast(1), "unanswered requests per broker")
            .define(COMPRESSION_TYPE, ConfigType.STRING, "none", Validator.oneOf(List.of("none", "gzip", "snappy", "lz4", "zstd")),
                    "batch compression codec")
            .define(CLIENT_ID, ConfigType.STRING, "", Validator.any(), "name sent in every request header")
            .define(MAX_REQUEST_SIZE, ConfigType.INT, 1024 * 1024, Validator.atLeast(1),
                    "largest record batch or request the producer sends")
            .define(METADATA_MAX_AGE_MS, ConfigType.LONG, 300_000L, Validator.atLeast(0),
                    "refresh metadata at least this often");

    /** Parses and validates {@code props}; throws {@link ConfigException} naming the bad key. */
    public static ProducerConfig parse(Map<String, ?> props) {
        ParsedConfig c = CONFIG.parse(props);
        String acks = c.getString(ACKS);
        ProducerConfig config = new ProducerConfig(
                BootstrapServers.parse(BOOTSTRAP_SERVERS, c.getList(BOOTSTRAP_SERVERS)),
                acks.equals("all") ? -1 : Short.parseShort(acks),
                c.getInt(BATCH_SIZE), c.getLong(LINGER_MS), c.getLong(BUFFER_MEMORY), c.getLong(MAX_BLOCK_MS),
                c.getInt(RETRIES), c.getLong(RETRY_BACKOFF_MS), c.getInt(DELIVERY_TIMEOUT_MS),
                c.getInt(REQUEST_TIMEOUT_MS), c.getInt(MAX_IN_FLIGHT), c.getString(COMPRESSION_TYPE),
                c.getString(CLIENT_ID), c.getInt(MAX_REQUEST_SIZE), c.getLong(METADATA_MAX_AGE_MS));
        config.checkConsistency(c);
        return config;
    }

    private void checkConsistency(ParsedConfig c) {
        if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
            throw new ConfigException(DELIVERY_TIMEOUT_MS, "Invalid value " + deliveryTimeoutMs
                    + " for configuration '" + DELIVERY_TIMEOUT_MS + "': must be at least "
                    + LINGER_MS + " + " + REQUEST_TIMEOUT_MS + " = " + (lingerMs + requestTimeoutMs));
        }
        if (batchSize > bufferMemory) {
            throw new ConfigException(BATCH_SIZE, "Invalid value " + batchSize + " for configuration '"
                    + BATCH_SIZE + "': must not exceed " + BUFFER_MEMORY + " (" + bufferMemory + ")");
        }
    }
}
