package io.ferrymq.broker.config;

import static io.ferrymq.broker.config.GroupConfigKeys.GROUP_MAX_SESSION_TIMEOUT_MS;
import static io.ferrymq.broker.config.GroupConfigKeys.GROUP_MIN_SESSION_TIMEOUT_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_FETCH_WAIT_MAX_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_LAG_TIME_MAX_MS;
import static io.ferrymq.broker.config.ReplicationConfigKeys.REPLICA_SOCKET_TIMEOUT_MS;
import static io.ferrymq.broker.config.ServerConfigKeys.ADVERTISED_LISTENERS;
import static io.ferrymq.broker.config.ServerConfigKeys.INTER_BROKER_LISTENER_NAME;
import static io.ferrymq.broker.config.ServerConfigKeys.LISTENERS;
import static io.ferrymq.broker.config.ServerConfigKeys.LISTENER_SECURITY_PROTOCOL_MAP;
import static io.ferrymq.broker.config.ServerConfigKeys.SECURITY_INTER_BROKER_PROTOCOL;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.ParsedConfig;
import io.ferrymq.common.security.SecurityProtocol;
import io.ferrymq.common.security.SslSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The broker's validated configuration: every key of {@link BrokerConfigKeys#DEFINITION} with its
 * value from the properties file, an override, or the default. Construction fails with one
 * {@link ConfigException} naming every unknown key, invalid value (with the allowed values), missing
 * required key and inconsistent pair of keys; a broker never starts on a configuration it does not
 * fully understand. Per-listener overrides {@code listener.name.<name>.ssl.*} are held apart
 * ({@link ListenerOverrides}) and checked against the listeners ({@link ListenerChecks}).
 *
 * <p>Immutable and thread-safe.
 */
public final class BrokerConfig {

    private final Map<String, String> originals;
    private final ParsedConfig values;
    private final ListenerOverrides listenerOverrides;

    private BrokerConfig(Map<String, String> originals) {
        this.originals = Map.copyOf(originals);
        this.listenerOverrides = ListenerOverrides.of(originals);
        this.values = BrokerConfigKeys.DEFINITION.parse(listenerOverrides.others());
        checkConsistency();
    }

    /** A configuration from raw {@code key=value} text; see the class comment for errors. */
    public static BrokerConfig of(Map<String, String> raw) {
        return new BrokerConfig(raw);
    }

    /** A configuration from a properties file and {@code k=v} overrides, which win over the file. */
    public static BrokerConfig load(Path file, List<String> overrides) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        return fromProperties(properties, overrides);
    }

    /** A configuration from properties and {@code k=v} overrides, which win over the properties. */
    public static BrokerConfig fromProperties(Properties properties, List<String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> raw.put(name.trim(), properties.getProperty(name)));
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("Invalid override '" + override + "': expected key=value");
            }
            raw.put(override.substring(0, eq).trim(), override.substring(eq + 1));
        }
        return of(raw);
    }

    public int getInt(String key) {
        return values.getInt(key);
    }

    public long getLong(String key) {
        return values.getLong(key);
    }

    public double getDouble(String key) {
        return values.getDouble(key);
    }

    public boolean getBoolean(String key) {
        return values.getBoolean(key);
    }

    public String getString(String key) {
        return values.getString(key);
    }

    public List<String> getList(String key) {
        return values.getList(key);
    }

    /** The value of an optional key, empty when it is not set. */
    public Optional<Object> getOptional(String key) {
        return values.getOptional(key);
    }

    public int brokerId() {
        return getInt(ServerConfigKeys.BROKER_ID);
    }

    /** The listeners to bind, each with its security protocol from {@code listener.security.protocol.map}. */
    public List<Endpoint> listeners() {
        return endpoints(LISTENERS);
    }

    /** The advertised listeners as configured; a listener not among them is advertised as bound. */
    public List<Endpoint> advertisedListeners() {
        return endpoints(ADVERTISED_LISTENERS);
    }

    /** {@code listener.security.protocol.map}. */
    public Map<String, SecurityProtocol> listenerProtocols() {
        return ListenerProtocols.parse(LISTENER_SECURITY_PROTOCOL_MAP, getList(LISTENER_SECURITY_PROTOCOL_MAP));
    }

    /** {@code kafka.listener.names}, upper-cased: the listeners that speak Kafka's wire protocol. */
    public Set<String> kafkaListenerNames() {
        return getList(ServerConfigKeys.KAFKA_LISTENER_NAMES).stream().map(n -> n.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The listener brokers talk to each other on: {@code inter.broker.listener.name}, else the
     * listener named as {@code security.inter.broker.protocol}.
     */
    public String interBrokerListenerName() {
        return getOptional(INTER_BROKER_LISTENER_NAME).map(name -> String.valueOf(name).toUpperCase(Locale.ROOT))
                .orElse(SecurityProtocol.parse(SECURITY_INTER_BROKER_PROTOCOL,
                        getString(SECURITY_INTER_BROKER_PROTOCOL)).name());
    }

    /** The TLS settings of listener {@code listenerName}: {@code ssl.*} overlaid by its {@code listener.name.<name>.ssl.*}. */
    public SslSettings sslSettings(String listenerName) {
        return listenerOverrides.sslSettings(listenerName);
    }

    public Optional<String> rack() {
        return getOptional(ServerConfigKeys.BROKER_RACK).map(String::valueOf);
    }

    /** {@code log.roll.ms}, or {@code log.roll.hours} in milliseconds when it is not set. */
    public long logRollMs() {
        return getOptional(LogConfigKeys.LOG_ROLL_MS).map(v -> (Long) v)
                .orElse(Duration.ofHours(getInt(LogConfigKeys.LOG_ROLL_HOURS)).toMillis());
    }

    /** {@code log.retention.ms}, or {@code log.retention.hours} in milliseconds; -1 keeps forever. */
    public long logRetentionMs() {
        Optional<Object> ms = getOptional(LogConfigKeys.LOG_RETENTION_MS);
        if (ms.isPresent()) {
            return (Long) ms.get();
        }
        int hours = getInt(LogConfigKeys.LOG_RETENTION_HOURS);
        return hours < 0 ? -1 : Duration.ofHours(hours).toMillis();
    }

    /** Keys set explicitly (file and overrides), as given. */
    public Map<String, String> originals() {
        return originals;
    }

    /** Every key and its effective value as text, for the start-up log, in definition order. */
    public String describe() {
        return values.describe();
    }

    private List<Endpoint> endpoints(String key) {
        Map<String, SecurityProtocol> protocols = listenerProtocols();
        return getList(key).stream().map(text -> Endpoint.parse(key, text, protocols)).toList();
    }

    private void checkConsistency() {
        List<String> problems = new ArrayList<>();
        if (getInt(REPLICA_FETCH_WAIT_MAX_MS) >= getLong(REPLICA_LAG_TIME_MAX_MS)) {
            problems.add(REPLICA_FETCH_WAIT_MAX_MS + " must be below " + REPLICA_LAG_TIME_MAX_MS);
        }
        if (getInt(REPLICA_SOCKET_TIMEOUT_MS) <= getInt(REPLICA_FETCH_WAIT_MAX_MS)) {
            problems.add(REPLICA_SOCKET_TIMEOUT_MS + " must exceed " + REPLICA_FETCH_WAIT_MAX_MS);
        }
        if (getInt(GROUP_MIN_SESSION_TIMEOUT_MS) > getInt(GROUP_MAX_SESSION_TIMEOUT_MS)) {
            problems.add(GROUP_MIN_SESSION_TIMEOUT_MS + " must not exceed " + GROUP_MAX_SESSION_TIMEOUT_MS);
        }
        problems.addAll(ListenerChecks.problems(this, listenerOverrides));
        if (!problems.isEmpty()) {
            throw new ConfigException("Inconsistent configuration: " + String.join("; ", problems));
        }
    }
}
