package io.ferrymq.coordinator.registry;

/**
 * Learns when brokers register and when their registration disappears (session closed or
 * expired). Called on the registry's {@code ferry-broker-registry} thread, in order.
 */
public interface BrokerListener {

    default void onBrokerAdded(BrokerInfo broker) {
    }

    default void onBrokerRemoved(int brokerId) {
    }
}
