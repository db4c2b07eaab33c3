package io.ferrymq.broker.replication;

import io.ferrymq.coordinator.registry.BrokerInfo;

/**
 * Opens {@link LeaderEndpoint}s to other brokers (over the network in a broker, in process in
 * tests). Thread-safe.
 */
@FunctionalInterface
public interface LeaderEndpointFactory {

    LeaderEndpoint connect(BrokerInfo leader);
}
