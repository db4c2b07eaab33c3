package io.ferrymq.client.network;

import io.ferrymq.common.protocol.BrokerNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one live connection per broker address, shared by whoever asks (a producer's sender, a
 * consumer's fetcher, a broker's follower fetchers). A closed or failed connection is replaced by a
 * new one on the next request for its address; connecting is never retried here (callers back off).
 * {@link #close()} closes the pooled connections, not the {@link NetworkClient}. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    private final NetworkClient client;
    private final Map<BrokerAddress, CompletableFuture<BrokerConnection>> connections = new ConcurrentHashMap<>();

    public ConnectionPool(NetworkClient client) {
        this.client = client;
    }

    /** The live connection to {@code address}, or a new one being opened. */
    public CompletableFuture<BrokerConnection> connection(BrokerAddress address) {
        return connections.compute(address, (key, existing) -> isUsable(existing) ? existing : client.connect(key));
    }

    public CompletableFuture<BrokerConnection> connection(String host, int port) {
        return connection(new BrokerAddress(host, port));
    }

    public CompletableFuture<BrokerConnection> connection(BrokerNode node) {
        return connection(new BrokerAddress(node.host(), node.port()));
    }

    /** Closes and forgets the connection to {@code address}, if any (e.g. after a protocol error). */
    public void disconnect(BrokerAddress address) {
        CompletableFuture<BrokerConnection> removed = connections.remove(address);
        if (removed != null) {
            removed.thenAccept(BrokerConnection::close);
        }
    }

    /** True when the pool holds an open connection to {@code address}. */
    public boolean isConnected(BrokerAddress address) {
        CompletableFuture<BrokerConnection> existing = connections.get(address);
        return existing != null && existing.isDone() && isUsable(existing);
    }

    private static boolean isUsable(CompletableFuture<BrokerConnection> existing) {
        if (existing == null) {
            return false;
        }
        if (!existing.isDone()) {
            return true;
        }
        return !existing.isCompletedExceptionally() && existing.join().isActive();
    }

    @Override
    public void close() {
        connections.keySet().forEach(this::disconnect);
    }
}
