package io.ferrymq.it.groups;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.internals.group.AssignmentTarget;
import io.ferrymq.client.consumer.internals.group.ConsumerGroupCoordinator;
import io.ferrymq.client.consumer.internals.group.GroupMemberConfig;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.RangeAssignor;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ConnectionPool;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A group member without a consumer: its poll thread drives the client-side group coordinator and,
 * between polls, may commit offsets chosen by the test ({@code committer}). Exercises membership,
 * rebalances and commits against real brokers. {@link #close} leaves the group and joins its thread.
 */
final class PollingMember implements AssignmentTarget, RebalanceListener, AutoCloseable {

    private final NetworkClient network;
    private final ConsumerGroupCoordinator coordinator;
    private final ExecutorService thread;
    private final BiConsumer<PollingMember, Set<TopicPartition>> committer;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean running = true;

    private PollingMember(GroupMemberConfig config, BiConsumer<PollingMember, Set<TopicPartition>> committer) {
        this.network = new NetworkClient(NetworkConfig.defaults(config.clientId()));
        this.coordinator = new ConsumerGroupCoordinator(config, new ConnectionPool(network), this, Clock.systemUTC());
        this.committer = committer;
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "it-member-" + config.clientId()));
    }

    static PollingMember start(String bootstrap, String group, String clientId, String topic,
                               BiConsumer<PollingMember, Set<TopicPartition>> committer) {
        List<BrokerAddress> brokers = Arrays.stream(bootstrap.split(",")).map(BrokerAddress::parse).toList();
        GroupMemberConfig config = new GroupMemberConfig(group, clientId, brokers, 6_000, 20_000, 500, 100, 5_000,
                List.of(new RangeAssignor()), false, 1_000);
        PollingMember member = new PollingMember(config, committer);
        member.coordinator.subscribe(List.of(topic), member);
        member.thread.execute(member::loop);
        return member;
    }

    private void loop() {
        while (running) {
            try {
                Set<TopicPartition> owned = coordinator.poll(Duration.ofMillis(100));
                if (!owned.isEmpty()) {
                    committer.accept(this, owned);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PollingMember.class).info("poll/commit failed: {}", e.toString());
            }
        }
    }

    /** Commits on the poll thread (call from the committer only). */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        coordinator.commitSync(offsets, Duration.ofSeconds(5));
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        assignment = Set.copyOf(partitions);
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
    }

    @Override
    public Map<TopicPartition, Long> consumedPositions() {
        return Map.of();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    }

    @Override
    public void close() {
        running = false;
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        coordinator.close();
        network.close();
    }
}
