package io.ferrymq.client.admin;

import io.ferrymq.client.common.config.BootstrapServers;
import io.ferrymq.client.common.config.ConfigDef;
import io.ferrymq.client.common.config.ConfigDef.Validator;
import io.ferrymq.client.common.config.ConfigType;
import io.ferrymq.client.common.config.ParsedConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Admin client settings under Kafka's names: where the cluster is, the per-request timeout, the
 * overall deadline of one admin call including retries ({@code default.api.timeout.ms}) and the
 * pause between retries. Immutable and thread-safe.
 */
public record AdminConfig(List<InetSocketAddress> bootstrapServers, String clientId, int requestTimeoutMs,
                          int defaultApiTimeoutMs, long retryBackoffMs) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String CLIENT_ID = "client.id";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String DEFAULT_API_TIMEOUT_MS = "default.api.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    public static final ConfigDef CONFIG = new ConfigDef()
            .defineRequired(BOOTSTRAP_SERVERS, ConfigType.LIST, Validator.any(), "host:port list used to find the cluster")
            .define(CLIENT_ID, ConfigType.STRING, "", Validator.any(), "name sent in every request header")
            .define(REQUEST_TIMEOUT_MS, ConfigType.INT, 30_000, Validator.atLeast(1), "wait for one response")
            .define(DEFAULT_API_TIMEOUT_MS, ConfigType.INT, 60_000, Validator.atLeast(1), "deadline of one admin call")
            .define(RETRY_BACKOFF_MS, ConfigType.LONG, 100L, Validator.atLeast(0), "pause before a retry");

    /** Parses and validates {@code props}; throws {@link io.ferrymq.client.common.config.ConfigException} naming the bad key. */
    public static AdminConfig parse(Map<String, ?> props) {
        ParsedConfig c = CONFIG.parse(props);
        return new AdminConfig(BootstrapServers.parse(BOOTSTRAP_SERVERS, c.getList(BOOTSTRAP_SERVERS)),
                c.getString(CLIENT_ID), c.getInt(REQUEST_TIMEOUT_MS), c.getInt(DEFAULT_API_TIMEOUT_MS),
                c.getLong(RETRY_BACKOFF_MS));
    }
}
