package io.ferrymq.broker.cluster;

import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two admin steps the quickstart needs, over the wire protocol like any client: create a
 * topic (CreateTopics to the first bootstrap broker) and wait until every partition of it has a
 * live leader with a full ISR (Metadata). Stateless and thread-safe.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Creates a topic; throws {@link ClusterException} with the broker's error unless it succeeded. */
    public static void createTopic(String bootstrapServers, CreateTopicsRequest.TopicSpec spec, Duration timeout) {
        createTopic(bootstrapServers, spec, timeout, ClientSecurity.PLAINTEXT);
    }

    /** As {@link #createTopic(String, CreateTopicsRequest.TopicSpec, Duration)}, over connections secured as {@code security} says. */
    public static void createTopic(String bootstrapServers, CreateTopicsRequest.TopicSpec spec, Duration timeout,
                                   ClientSecurity security) {
        NetworkConfig config = NetworkConfig.defaults("ferry-quickstart-admin").withRequestTimeout(timeout.plusSeconds(5))
                .withSecurity(security);
        String server = bootstrapServers.split(",")[0].trim();
        long waitMs = timeout.toMillis() + 10_000;
        try (NetworkClient client = new NetworkClient(config);
             BrokerConnection c = client.connect(BrokerAddress.parse(server)).get(waitMs, TimeUnit.MILLISECONDS)) {
            CreateTopicsResponse response = c.send(new CreateTopicsRequest(List.of(spec), (int) timeout.toMillis(), false),
                    CreateTopicsResponse.class).get(waitMs, TimeUnit.MILLISECONDS);
            CreateTopicsResponse.TopicResult result = response.topics().get(0);
            if (result.error() != ErrorCode.NONE) {
                throw new ClusterException("creating topic " + spec.name() + " failed: " + result.error()
                        + (result.errorMessage() == null ? "" : " (" + result.errorMessage() + ")"));
            }
        } catch (ExecutionException e) {
            throw new ClusterException("creating topic " + spec.name() + " via " + server + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new ClusterException("creating topic " + spec.name() + " via " + server + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while creating topic " + spec.name(), e);
        }
    }

    /** Waits until {@code topic} has {@code partitions} partitions, each with a live leader and a full ISR. */
    public static MetadataResponse awaitFullyReplicated(String bootstrapServers, String topic, int partitions, Duration timeout) {
        return awaitFullyReplicated(bootstrapServers, topic, partitions, timeout, ClientSecurity.PLAINTEXT);
    }

    /** As {@link #awaitFullyReplicated(String, String, int, Duration)}, over connections secured as {@code security} says. */
    public static MetadataResponse awaitFullyReplicated(String bootstrapServers, String topic, int partitions, Duration timeout,
                                                        ClientSecurity security) {
        MetadataResponse[] last = new MetadataResponse[1];
        Probes.await("every partition of " + topic + " to have a leader and a full ISR", timeout, () -> {
            last[0] = ClusterMetadata.fetch(bootstrapServers, Duration.ofSeconds(5), security);
            return isFullyReplicated(last[0], topic, partitions);
        }, () -> last[0] == null ? "" : "\n" + ClusterLayout.render(last[0], topic));
        return last[0];
    }

    static boolean isFullyReplicated(MetadataResponse md, String topic, int partitions) {
        return md.topics().stream().filter(t -> t.name().equals(topic) && t.error() == ErrorCode.NONE)
                .anyMatch(t -> t.partitions().size() == partitions && t.partitions().stream().allMatch(p ->
                        p.leaderId() != PartitionMetadata.NO_LEADER && p.isr().size() == p.replicas().size()));
    }

    /** The topic configs the quickstart uses: {@code min.insync.replicas}. */
    public static Map<String, String> minInsyncReplicas(int n) {
        return Map.of("min.insync.replicas", Integer.toString(n));
    }
}
