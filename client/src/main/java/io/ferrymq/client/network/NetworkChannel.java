package io.ferrymq.client.network;

import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The real {@link RequestChannel}: one {@link NetworkClient} (one Netty I/O thread) and a pool
 * holding one connection per broker address, reconnecting on the next request after a failure.
 * A Fetch gets its long-poll wait on top of the request timeout; a Produce with {@code acks=0}
 * completes once written.
 *
 * <p>Thread-safe.
 */
public final class NetworkChannel implements RequestChannel {

    private final NetworkClient client;
    private final ConnectionPool pool;
    private final Duration requestTimeout;

    private NetworkChannel(NetworkClient client, Duration requestTimeout) {
        this.client = client;
        this.pool = new ConnectionPool(client);
        this.requestTimeout = requestTimeout;
    }

    /**
     * A channel for one client instance; {@code clientId} goes into every request header and the
     * thread name; connections are secured as {@code security} says.
     */
    public static NetworkChannel open(String clientId, int requestTimeoutMs, ClientSecurity security) {
        Duration timeout = Duration.ofMillis(requestTimeoutMs);
        String id = clientId.isEmpty() ? "client" : clientId;
        NetworkConfig config = NetworkConfig.defaults(id).withRequestTimeout(timeout).withSecurity(security);
        return new NetworkChannel(new NetworkClient(config), timeout);
    }

    @Override
    public CompletableFuture<ApiResponse> send(InetSocketAddress broker, ApiRequest request) {
        return pool.connection(broker.getHostString(), broker.getPort()).thenCompose(connection -> {
            if (request instanceof ProduceRequest produce && produce.acks() == 0) {
                return connection.sendNoResponse(request).thenApply(written -> (ApiResponse) null);
            }
            return connection.send(request, timeoutFor(request));
        });
    }

    private Duration timeoutFor(ApiRequest request) {
        if (request instanceof FetchRequest fetch) {
            return requestTimeout.plusMillis(fetch.maxWaitMs());
        }
        return requestTimeout;
    }

    @Override
    public void close() {
        pool.close();
        client.close();
    }
}
