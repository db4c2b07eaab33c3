package io.ferrymq.coordinator.registry;

import io.ferrymq.common.json.JsonObject;
import io.ferrymq.common.security.SecurityProtocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A live broker as registered under {@code /brokers/ids/<id>}: id, the host and port other brokers
 * reach it on (its inter-broker listener), its rack (if any), when it started, every advertised
 * listener ({@link BrokerEndpoint}, Kafka's {@code endpoints} and
 * {@code listener_security_protocol_map}), its failed storage ({@link OfflineStorage}) and, when it
 * runs one, the base URL of its admin HTTP server ({@code admin_url}, read by the web console); clients
 * are answered with the endpoint of the listener they connected to. A node written before listeners
 * had names (no {@code endpoints} field) reads as one {@code PLAINTEXT} listener at host and port.
 * JSON form documented in {@link io.ferrymq.coordinator.zk.ZkPaths}. Immutable and thread-safe.
 */
public record BrokerInfo(int id, String host, int port, Optional<String> rack, long startTimeMs,
                         List<BrokerEndpoint> endpoints, OfflineStorage offline, Optional<String> adminUrl) {

    private static final String ENDPOINTS = "endpoints";
    private static final String ADMIN_URL = "admin_url";
    private static final String PROTOCOL_MAP = "listener_security_protocol_map";

    public BrokerInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(offline, "offline");
        Objects.requireNonNull(adminUrl, "adminUrl");
        endpoints = List.copyOf(endpoints);
        if (id < 0) {
            throw new IllegalArgumentException("broker.id must be >= 0, was " + id);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("broker port must be within [0, 65535], was " + port);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("broker host must not be blank");
        }
        if (endpoints.stream().map(BrokerEndpoint::listenerName).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("each listener name once in a broker's endpoints, were " + endpoints);
        }
    }

    /** A broker with every log dir online, advertising {@code endpoints}. */
    public BrokerInfo(int id, String host, int port, Optional<String> rack, long startTimeMs,
                      List<BrokerEndpoint> endpoints) {
        this(id, host, port, rack, startTimeMs, endpoints, OfflineStorage.NONE, Optional.empty());
    }

    /** A broker with one {@code PLAINTEXT} listener at {@code host:port} and every log dir online. */
    public BrokerInfo(int id, String host, int port, Optional<String> rack, long startTimeMs) {
        this(id, host, port, rack, startTimeMs, plaintext(host, port));
    }

    /** A broker reached by other brokers on {@code interBroker}, advertising {@code endpoints}. */
    public static BrokerInfo of(int id, BrokerEndpoint interBroker, List<BrokerEndpoint> endpoints,
                                Optional<String> rack, long startTimeMs) {
        return new BrokerInfo(id, interBroker.host(), interBroker.port(), rack, startTimeMs, endpoints);
    }

    private static List<BrokerEndpoint> plaintext(String host, int port) {
        return List.of(new BrokerEndpoint(SecurityProtocol.PLAINTEXT.name(), SecurityProtocol.PLAINTEXT, host, port));
    }

    /** The endpoint of listener {@code listenerName}, when this broker has that listener. */
    public Optional<BrokerEndpoint> endpoint(String listenerName) {
        return endpoints.stream().filter(e -> e.listenerName().equals(listenerName)).findFirst();
    }

    /** This registration reporting {@code storage} as its failed storage. */
    public BrokerInfo withOffline(OfflineStorage storage) {
        return new BrokerInfo(id, host, port, rack, startTimeMs, endpoints, storage, adminUrl);
    }

    /** This registration announcing its admin HTTP server at {@code url} (e.g. {@code http://h:8080}). */
    public BrokerInfo withAdminUrl(String url) {
        return new BrokerInfo(id, host, port, rack, startTimeMs, endpoints, offline, Optional.of(url));
    }

    /** The znode content. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 2);
        json.put("host", host);
        json.put("port", port);
        json.put("rack", rack.orElse(null));
        json.put("startTimeMs", startTimeMs);
        json.put(ENDPOINTS, endpoints.stream().map(BrokerEndpoint::toString).toList());
        Map<String, String> protocols = new LinkedHashMap<>();
        endpoints.forEach(e -> protocols.put(e.listenerName(), e.securityProtocol().name()));
        json.put(PROTOCOL_MAP, protocols);
        offline.writeTo(json);
        adminUrl.ifPresent(url -> json.put(ADMIN_URL, url));
        return json;
    }

    /** Decodes a {@code /brokers/ids/<id>} node; throws {@link IllegalArgumentException} naming a bad field. */
    public static BrokerInfo fromJson(int id, JsonObject json) {
        String host = json.requireString("host");
        int port = json.requireInt("port");
        List<BrokerEndpoint> endpoints = json.fieldNames().contains(ENDPOINTS) ? endpoints(json) : plaintext(host, port);
        return new BrokerInfo(id, host, port, json.optionalString("rack"), json.requireLong("startTimeMs"), endpoints,
                OfflineStorage.readFrom(json), json.optionalString(ADMIN_URL));
    }

    private static List<BrokerEndpoint> endpoints(JsonObject json) {
        Map<String, String> protocols = json.object(PROTOCOL_MAP).stringMap();
        List<BrokerEndpoint> endpoints = new ArrayList<>();
        for (String text : json.requireStringList(ENDPOINTS)) {
            String name = text.contains("://") ? text.substring(0, text.indexOf("://")) : text;
            String protocol = protocols.get(name);
            if (protocol == null || !List.of(SecurityProtocol.names()).contains(protocol)) {
                throw new IllegalArgumentException(json.source() + ": endpoint " + text + " needs a security protocol "
                        + List.of(SecurityProtocol.names()) + " in " + PROTOCOL_MAP + ", was " + protocol);
            }
            endpoints.add(BrokerEndpoint.parse(text, SecurityProtocol.valueOf(protocol)));
        }
        return endpoints;
    }
}
