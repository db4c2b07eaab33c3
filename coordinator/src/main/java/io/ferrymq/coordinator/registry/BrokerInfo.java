package io.ferrymq.coordinator.registry;

import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A live broker as registered under {@code /brokers/ids/<id>}: id, the host and port clients
 * reach it on, its rack (if any), when it started, and its failed storage ({@link OfflineStorage}).
 * JSON form documented in
 * {@link io.ferrymq.coordinator.zk.ZkPaths}. Immutable and thread-safe.
 */
public record BrokerInfo(int id, String host, int port, Optional<String> rack, long startTimeMs,
                         OfflineStorage offline) {

    /** A registration with every log dir online. */
    public BrokerInfo(int id, String host, int port, Optional<String> rack, long startTimeMs) {
        this(id, host, port, rack, startTimeMs, OfflineStorage.NONE);
    }

    public BrokerInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(offline, "offline");
        if (id < 0) {
            throw new IllegalArgumentException("broker.id must be >= 0, was " + id);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("broker port must be within [0, 65535], was " + port);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("broker host must not be blank");
        }
    }

    /** The znode content. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("host", host);
        json.put("port", port);
        json.put("rack", rack.orElse(null));
        json.put("startTimeMs", startTimeMs);
        offline.writeTo(json);
        return json;
    }

    /** Decodes a {@code /brokers/ids/<id>} node; throws {@link IllegalArgumentException} naming a bad field. */
    public static BrokerInfo fromJson(int id, JsonObject json) {
        return new BrokerInfo(id, json.requireString("host"), json.requireInt("port"),
                json.optionalString("rack"), json.requireLong("startTimeMs"), OfflineStorage.readFrom(json));
    }

    /** This registration reporting {@code storage} as its failed storage. */
    public BrokerInfo withOffline(OfflineStorage storage) {
        return new BrokerInfo(id, host, port, rack, startTimeMs, storage);
    }
}
