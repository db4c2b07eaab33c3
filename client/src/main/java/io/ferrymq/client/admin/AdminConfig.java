package io.ferrymq.client.admin;

import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.ConfigType.STRING;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.LOW;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.any;
import static io.ferrymq.common.config.Validators.atLeast;

import io.ferrymq.common.config.BootstrapServers;
import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.config.ParsedConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Admin client settings under Kafka's names: where the cluster is, the per-request timeout, the
 * overall deadline of one admin call including retries ({@code default.api.timeout.ms}) and the
 * pause between retries, and how connections are secured ({@code security.protocol}, {@code ssl.*}).
 * Immutable and thread-safe.
 */
public record AdminConfig(List<InetSocketAddress> bootstrapServers, String clientId, int requestTimeoutMs,
                          int defaultApiTimeoutMs, long retryBackoffMs, ClientSecurity security) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String CLIENT_ID = "client.id";
    public static final String REQUEST_TIMEOUT_MS = "request.timeout.ms";
    public static final String DEFAULT_API_TIMEOUT_MS = "default.api.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    static final String GROUP = "Admin client";

    public static final ConfigDefinition CONFIG = ClientSecurity.defineInto(new ConfigDefinition()
            .defineRequired(GROUP, BOOTSTRAP_SERVERS, LIST, BootstrapServers.validator(), HIGH,
                    "host:port list used to find the cluster")
            .define(GROUP, CLIENT_ID, STRING, "", any(), MEDIUM, "name sent in every request header")
            .define(GROUP, REQUEST_TIMEOUT_MS, INT, 30_000, atLeast(1), MEDIUM, "wait for one response")
            .define(GROUP, DEFAULT_API_TIMEOUT_MS, INT, 60_000, atLeast(1), MEDIUM, "deadline of one admin call")
            .define(GROUP, RETRY_BACKOFF_MS, LONG, 100L, atLeast(0), LOW, "pause before a retry"), "Security");

    /** Parses and validates {@code props}; throws one {@link ConfigException} listing every problem. */
    public static AdminConfig parse(Map<String, ?> props) {
        ParsedConfig c = CONFIG.parse(props);
        return new AdminConfig(BootstrapServers.parse(BOOTSTRAP_SERVERS, c.getList(BOOTSTRAP_SERVERS)),
                c.getString(CLIENT_ID), c.getInt(REQUEST_TIMEOUT_MS), c.getInt(DEFAULT_API_TIMEOUT_MS),
                c.getLong(RETRY_BACKOFF_MS), ClientSecurity.from(c));
    }

    /** These settings with connections secured as {@code other} says (for a broker's own clients). */
    public AdminConfig withSecurity(ClientSecurity other) {
        return new AdminConfig(bootstrapServers, clientId, requestTimeoutMs, defaultApiTimeoutMs, retryBackoffMs, other);
    }
}
