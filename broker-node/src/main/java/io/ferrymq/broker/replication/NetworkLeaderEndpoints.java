package io.ferrymq.broker.replication;

import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import io.ferrymq.coordinator.registry.BrokerEndpoint;
import io.ferrymq.coordinator.registry.BrokerInfo;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follower connections over Ferry's wire protocol: one {@link NetworkClient} (one I/O thread named
 * {@code ferry-network-replica-fetcher-<brokerId>}) shared by all fetchers of this broker, one TCP
 * connection per fetcher thread, to the leader's inter-broker listener (over TLS when that
 * listener's protocol says so). A fetch's timeout is its long-poll wait plus
 * {@code replica.socket.timeout.ms}.
 *
 * <p>Thread-safe; {@link #close()} closes every connection and joins the I/O thread.
 */
public final class NetworkLeaderEndpoints implements LeaderEndpointFactory {

    private final NetworkClient client;
    private final ReplicationConfig config;
    private final String listenerName;

    /** Followers connect to each leader's {@code listenerName} endpoint, secured as {@code security} says. */
    public NetworkLeaderEndpoints(ReplicationConfig config, String listenerName, ClientSecurity security) {
        this.config = config;
        this.listenerName = listenerName;
        this.client = new NetworkClient(NetworkConfig.defaults("replica-fetcher-" + config.brokerId())
                .withRequestTimeout(Duration.ofMillis(config.replicaSocketTimeoutMs())).withSecurity(security));
    }

    @Override
    public LeaderEndpoint connect(BrokerInfo leader) {
        BrokerEndpoint endpoint = leader.endpoint(listenerName).orElseThrow(() -> ErrorCode.NETWORK_EXCEPTION.exception(
                "broker " + leader.id() + " has no inter-broker listener " + listenerName + ", only " + leader.endpoints()));
        try {
            BrokerConnection connection = client.connect(endpoint.host(), endpoint.port())
                    .get(config.replicaSocketTimeoutMs(), TimeUnit.MILLISECONDS);
            return new Endpoint(connection, Duration.ofMillis(config.replicaFetchWaitMaxMs() + config.replicaSocketTimeoutMs()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.NETWORK_EXCEPTION.exception("interrupted connecting to broker " + leader.id());
        } catch (ExecutionException | TimeoutException e) {
            throw ErrorCode.NETWORK_EXCEPTION.exception("cannot connect to broker " + leader.id() + " at "
                    + endpoint + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private record Endpoint(BrokerConnection connection, Duration fetchTimeout) implements LeaderEndpoint {

        @Override
        public CompletableFuture<FetchResponse> fetch(FetchRequest request) {
            return connection.send(request, fetchTimeout).thenApply(FetchResponse.class::cast);
        }

        @Override
        public CompletableFuture<OffsetsForLeaderEpochResponse> offsetsForLeaderEpoch(OffsetsForLeaderEpochRequest request) {
            return connection.send(request, OffsetsForLeaderEpochResponse.class);
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
