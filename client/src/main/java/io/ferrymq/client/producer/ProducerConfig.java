package io.ferrymq.client.producer;

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
import static io.ferrymq.common.config.Validators.oneOf;

import io.ferrymq.common.config.BootstrapServers;
import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.config.ParsedConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Producer settings under Kafka's names and defaults, parsed and validated once by
 * {@link #parse(Map)} against {@link #CONFIG}: every unknown key (with the nearest known one),
 * invalid value and inconsistent pair is refused in one {@link ConfigException}. {@code acks} is
 * held as its wire value (-1 for {@code all}).
 *
 * <p>Idempotence (Kafka 3.x rules): {@code enable.idempotence} defaults to true, and then stays on
 * only while {@code acks=all}, {@code retries > 0} and {@code max.in.flight.requests.per.connection <= 5};
 * set explicitly to true with any of those broken it is a {@link ConfigException} naming both keys.
 *
 * <p>Immutable and thread-safe.
 */
public record ProducerConfig(List<InetSocketAddress> bootstrapServers, short acks, int batchSize, long lingerMs,
                             long bufferMemory, long maxBlockMs, int retries, long retryBackoffMs,
                             int deliveryTimeoutMs, int requestTimeoutMs, int maxInFlightRequestsPerConnection,
                             String compressionType, String clientId, int maxRequestSize, long metadataMaxAgeMs,
                             Idempotence idempotence, ClientSecurity security) {

    /** Whether batches carry a producer id, epoch and sequences, and whether the user asked for it. */
    public enum Idempotence {
        DISABLED, ENABLED_BY_DEFAULT, ENABLED;

        public boolean isEnabled() {
            return this != DISABLED;
        }
    }

    /** The most batches per partition an idempotent producer has unacknowledged (the broker caches 5). */
    public static final int MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

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
    public static final String ENABLE_IDEMPOTENCE = "enable.idempotence";

    static final String GROUP = "Producer";

    public static final ConfigDefinition CONFIG = ClientSecurity.defineInto(new ConfigDefinition()
            .defineRequired(GROUP, BOOTSTRAP_SERVERS, LIST, BootstrapServers.validator(), HIGH,
                    "host:port list used to find the cluster")
            .define(GROUP, ACKS, STRING, "all", oneOf("all", "-1", "0", "1"), HIGH,
                    "0: no response; 1: the leader appended; all: every in-sync replica has the record")
            .define(GROUP, BATCH_SIZE, INT, 16384, atLeast(64), MEDIUM, "bytes per partition batch")
            .define(GROUP, LINGER_MS, LONG, 5L, atLeast(0), MEDIUM, "how long to wait for a batch to fill")
            .define(GROUP, BUFFER_MEMORY, LONG, 32L * 1024 * 1024, atLeast(1024), HIGH,
                    "total bytes of batches waiting to be sent")
            .define(GROUP, MAX_BLOCK_MS, LONG, 60_000L, atLeast(0), MEDIUM,
                    "how long send() may block for metadata or buffer memory")
            .define(GROUP, RETRIES, INT, Integer.MAX_VALUE, atLeast(0), HIGH, "retries of retriable errors")
            .define(GROUP, RETRY_BACKOFF_MS, LONG, 100L, atLeast(0), LOW, "pause before a retry")
            .define(GROUP, DELIVERY_TIMEOUT_MS, INT, 120_000, atLeast(1), MEDIUM,
                    "upper bound from send() to success or failure")
            .define(GROUP, REQUEST_TIMEOUT_MS, INT, 30_000, atLeast(1), MEDIUM, "wait for one response")
            .define(GROUP, MAX_IN_FLIGHT, INT, 5, atLeast(1), LOW, "unanswered requests per broker")
            .define(GROUP, COMPRESSION_TYPE, STRING, "none", oneOf("none", "gzip", "snappy", "lz4", "zstd"), HIGH,
                    "batch compression codec")
            .define(GROUP, CLIENT_ID, STRING, "", any(), MEDIUM, "name sent in every request header")
            .define(GROUP, MAX_REQUEST_SIZE, INT, 1024 * 1024, atLeast(1), MEDIUM,
                    "largest record batch or request the producer sends")
            .define(GROUP, METADATA_MAX_AGE_MS, LONG, 300_000L, atLeast(0), LOW,
                    "refresh metadata at least this often")
            .define(GROUP, ENABLE_IDEMPOTENCE, BOOLEAN, true, any(), LOW,
                    "each batch carries a producer id, epoch and sequence so that retries write it exactly once"),
            "Security");

    /** Parses and validates {@code props}; throws one {@link ConfigException} listing every problem. */
    public static ProducerConfig parse(Map<String, ?> props) {
        ParsedConfig c = CONFIG.parse(props);
        String acks = c.getString(ACKS);
        ProducerConfig config = new ProducerConfig(
                BootstrapServers.parse(BOOTSTRAP_SERVERS, c.getList(BOOTSTRAP_SERVERS)),
                acks.equals("all") ? -1 : Short.parseShort(acks),
                c.getInt(BATCH_SIZE), c.getLong(LINGER_MS), c.getLong(BUFFER_MEMORY), c.getLong(MAX_BLOCK_MS),
                c.getInt(RETRIES), c.getLong(RETRY_BACKOFF_MS), c.getInt(DELIVERY_TIMEOUT_MS),
                c.getInt(REQUEST_TIMEOUT_MS), c.getInt(MAX_IN_FLIGHT), c.getString(COMPRESSION_TYPE),
                c.getString(CLIENT_ID), c.getInt(MAX_REQUEST_SIZE), c.getLong(METADATA_MAX_AGE_MS),
                idempotence(c, acks), ClientSecurity.from(c));
        config.checkConsistency(c.isExplicit(ENABLE_IDEMPOTENCE) && c.getBoolean(ENABLE_IDEMPOTENCE));
        return config;
    }

    private static Idempotence idempotence(ParsedConfig c, String acks) {
        if (!c.getBoolean(ENABLE_IDEMPOTENCE)) {
            return Idempotence.DISABLED;
        }
        if (c.isExplicit(ENABLE_IDEMPOTENCE)) {
            return Idempotence.ENABLED;
        }
        boolean compatible = (acks.equals("all") || acks.equals("-1")) && c.getInt(RETRIES) > 0
                && c.getInt(MAX_IN_FLIGHT) <= MAX_IN_FLIGHT_FOR_IDEMPOTENCE;
        return compatible ? Idempotence.ENABLED_BY_DEFAULT : Idempotence.DISABLED;
    }

    private void checkConsistency(boolean idempotenceRequested) {
        List<ConfigException> problems = new ArrayList<>();
        if (idempotenceRequested) {
            checkIdempotence(problems);
        }
        if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
            problems.add(ConfigException.invalid(DELIVERY_TIMEOUT_MS, deliveryTimeoutMs, "must be at least "
                    + LINGER_MS + " + " + REQUEST_TIMEOUT_MS + " = " + (lingerMs + requestTimeoutMs)));
        }
        if (batchSize > bufferMemory) {
            problems.add(ConfigException.invalid(BATCH_SIZE, batchSize,
                    "must not exceed " + BUFFER_MEMORY + " (" + bufferMemory + ")"));
        }
        if (!problems.isEmpty()) {
            throw ConfigException.combine(problems);
        }
    }

    private void checkIdempotence(List<ConfigException> problems) {
        String requires = "must be 'all' when " + ENABLE_IDEMPOTENCE + " is true";
        if (acks != -1) {
            problems.add(ConfigException.invalid(ACKS, acks, requires));
        }
        if (retries == 0) {
            problems.add(ConfigException.invalid(RETRIES, retries, "must be above 0 when " + ENABLE_IDEMPOTENCE
                    + " is true"));
        }
        if (maxInFlightRequestsPerConnection > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
            problems.add(ConfigException.invalid(MAX_IN_FLIGHT, maxInFlightRequestsPerConnection, "must be at most "
                    + MAX_IN_FLIGHT_FOR_IDEMPOTENCE + " when " + ENABLE_IDEMPOTENCE + " is true"));
        }
    }
}
