package io.ferrymq.broker.replication;

import io.ferrymq.coordinator.registry.BrokerInfo;

/**
 * Opens {@link LeaderEndpoint}s to other brokers (over the network in a broker, in process in
 * tests). {@link #close()} releases what the factory owns (e.g. its network threads); the replica
 * manager calls it when it closes. Thread-safe.
 */
@FunctionalInterface
public interface LeaderEndpointFactory extends AutoCloseable {

    /** Opens a connection; throws a retriable exception when the leader cannot be reached. */
    LeaderEndpoint connect(BrokerInfo leader);

    @Override
    default void close() {
    }
}
