package io.ferrymq.broker.cluster;

import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads cluster metadata the way clients do: a Metadata request (all topics) or a DescribeCluster
 * request to the first bootstrap broker that answers, each try bounded by the timeout. Never touches
 * ZooKeeper. Stateless and thread-safe.
 */
public final class ClusterMetadata {

    private ClusterMetadata() {
    }

    /**
     * Metadata of every topic from one of {@code bootstrapServers} ({@code host:port[,host:port]});
     * throws {@link ClusterException} naming each broker tried and why it failed.
     */
    public static MetadataResponse fetch(String bootstrapServers, Duration timeout) {
        return fetch(bootstrapServers, timeout, ClientSecurity.PLAINTEXT);
    }

    /** As {@link #fetch(String, Duration)}, over connections secured as {@code security} says. */
    public static MetadataResponse fetch(String bootstrapServers, Duration timeout, ClientSecurity security) {
        return askFirst(bootstrapServers, timeout, security, MetadataRequest.forAllTopics(), MetadataResponse.class);
    }

    /** The live brokers and their offline log dirs from one of {@code bootstrapServers} (as {@link #fetch}). */
    public static DescribeClusterResponse describe(String bootstrapServers, Duration timeout, ClientSecurity security) {
        return askFirst(bootstrapServers, timeout, security, new DescribeClusterRequest(), DescribeClusterResponse.class);
    }

    private static <T extends ApiResponse> T askFirst(String bootstrapServers, Duration timeout, ClientSecurity security,
                                                      ApiRequest request, Class<T> responseType) {
        List<String> failures = new ArrayList<>();
        NetworkConfig config = NetworkConfig.defaults("ferry-metadata").withConnectTimeout(timeout).withRequestTimeout(timeout)
                .withSecurity(security);
        try (NetworkClient client = new NetworkClient(config)) {
            for (String server : bootstrapServers.split(",")) {
                try {
                    return ask(client, BrokerAddress.parse(server.trim()), timeout, request, responseType);
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    failures.add(server.trim() + ": " + cause.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while asking " + server + " for metadata", e);
                }
            }
        }
        throw new ClusterException("no broker answered a " + request.getClass().getSimpleName().replace("Request", "")
                + " request (" + String.join("; ", failures) + ")");
    }

    private static <T extends ApiResponse> T ask(NetworkClient client, BrokerAddress address, Duration timeout,
                                                 ApiRequest request, Class<T> responseType)
            throws InterruptedException, ExecutionException, TimeoutException {
        long waitMs = timeout.toMillis() * 2 + 1_000;
        try (BrokerConnection connection = client.connect(address).get(waitMs, TimeUnit.MILLISECONDS)) {
            return connection.send(request, responseType).get(waitMs, TimeUnit.MILLISECONDS);
        }
    }
}
