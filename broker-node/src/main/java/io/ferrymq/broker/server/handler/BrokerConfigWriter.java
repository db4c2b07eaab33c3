package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.config.DynamicBrokerConfig;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.coordinator.brokerconfig.ZkBrokerConfigs;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes the dynamic broker configs a BROKER resource of AlterConfigs/IncrementalAlterConfigs changes:
 * the resource named by this broker's id changes {@code /config/brokers/<id>}, the empty name the
 * cluster-wide {@code /config/brokers/<default>} (another broker's id is {@code INVALID_REQUEST}, as
 * Kafka answers: a client sends a broker's resource to that broker). The new layer is
 * {@link BrokerConfigChange}'s, and it must also merge with this broker's other layers
 * ({@link DynamicBrokerConfig}); the write is an atomic read-modify-write, skipped for
 * {@code validateOnly}.
 *
 * <p>Thread-safe.
 */
final class BrokerConfigWriter {

    private final ZkBrokerConfigs store;
    private final DynamicConfigSource layers;

    BrokerConfigWriter(ZkBrokerConfigs store, DynamicConfigSource layers) {
        this.store = store;
        this.layers = layers;
    }

    /**
     * Alters (or, {@code validateOnly}, checks) the resource's layer; the future completes once this
     * broker runs with it. Throws an ApiException or ConfigException saying why the change is refused.
     */
    CompletableFuture<Void> alter(Resource resource, boolean validateOnly) {
        String entity = entity(resource.name());
        if (validateOnly) {
            checked(entity, BrokerConfigChange.apply(store.read(entity), resource));
            return CompletableFuture.completedFuture(null);
        }
        Map<String, String> written = store.alter(entity, current -> checked(entity,
                BrokerConfigChange.apply(current, resource)));
        return layers.awaitLayer(entity, written);
    }

    private String entity(String name) {
        if (name.isEmpty()) {
            return ZkPaths.DEFAULT_BROKER_ENTITY;
        }
        int own = layers.current().staticConfig().brokerId();
        if (!name.equals(Integer.toString(own))) {
            throw ErrorCode.INVALID_REQUEST.exception("Unexpected broker id, expected " + own
                    + " or empty string, but received " + name);
        }
        return name;
    }

    /** {@code layer}, once it merges with this broker's other layer and static configuration. */
    private Map<String, String> checked(String entity, Map<String, String> layer) {
        DynamicBrokerConfig current = layers.current();
        if (entity.equals(ZkPaths.DEFAULT_BROKER_ENTITY)) {
            current.withClusterDefault(layer);
        } else {
            current.withPerBroker(layer);
        }
        return layer;
    }
}
