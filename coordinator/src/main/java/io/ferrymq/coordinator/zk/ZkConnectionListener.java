package io.ferrymq.coordinator.zk;

/**
 * Receives connection-state changes of a {@link ZkClient}. Called on the client's own
 * {@code ferry-zk-state} thread (never ZooKeeper's event thread), one change at a time and in order.
 */
@FunctionalInterface
public interface ZkConnectionListener {

    void onConnectionStateChanged(ZkConnectionState state);
}
