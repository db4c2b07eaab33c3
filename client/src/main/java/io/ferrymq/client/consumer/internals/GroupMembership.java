package io.ferrymq.client.consumer.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.internals.group.AssignmentTarget;
import io.ferrymq.client.consumer.internals.group.ConsumerGroupCoordinator;
import io.ferrymq.client.consumer.internals.group.GroupMemberConfig;
import io.ferrymq.client.consumer.internals.group.OffsetAndMetadata;
import io.ferrymq.client.consumer.internals.group.OffsetCommitCallback;
import io.ferrymq.client.consumer.internals.group.RebalanceListener;
import io.ferrymq.client.network.ConnectionPool;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer's link to its group (issue 6): created on the first subscribe or commit, it owns a
 * {@link ConsumerGroupCoordinator} on its own network client (JoinGroup may wait a whole rebalance)
 * and drives the consumer's {@link SubscriptionState} through an {@link AssignmentTarget}.
 * Without {@code group.id}, subscribing or committing is refused.
 *
 * <p>Confined to the consumer's thread.
 */
public final class GroupMembership implements AutoCloseable {

    private final ConsumerConfig config;
    private final SubscriptionState subscriptions;
    private final Clock clock;
    private Optional<ConsumerGroupCoordinator> coordinator = Optional.empty();
    private Optional<NetworkClient> network = Optional.empty();

    public GroupMembership(ConsumerConfig config, SubscriptionState subscriptions, Clock clock) {
        this.config = config;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    private ConsumerGroupCoordinator coordinator() {
        if (coordinator.isEmpty()) {
            if (config.groupId().isEmpty()) {
                throw new IllegalStateException("group.id is required to subscribe or commit offsets");
            }
            NetworkClient client = new NetworkClient(NetworkConfig.defaults(config.clientId() + "-group")
                    .withRequestTimeout(Duration.ofMillis(config.requestTimeoutMs())).withSecurity(config.security()));
            network = Optional.of(client);
            coordinator = Optional.of(new ConsumerGroupCoordinator(GroupMemberConfig.from(config),
                    new ConnectionPool(client), target(), clock));
        }
        return coordinator.get();
    }

    private AssignmentTarget target() {
        return new AssignmentTarget() {
            @Override
            public void assign(Collection<TopicPartition> partitions) {
                subscriptions.assignFromSubscribed(partitions);
            }

            @Override
            public void seek(TopicPartition partition, long offset) {
                subscriptions.seek(partition, offset);
            }

            @Override
            public Map<TopicPartition, Long> consumedPositions() {
                Map<TopicPartition, Long> positions = new HashMap<>();
                subscriptions.assignedPartitions().forEach(tp ->
                        subscriptions.position(tp).ifPresent(p -> positions.put(tp, p)));
                return positions;
            }
        };
    }

    public void subscribe(Collection<String> topics, RebalanceListener listener) {
        ConsumerGroupCoordinator group = coordinator();
        subscriptions.subscribe(topics);
        group.subscribe(topics, listener);
    }

    public void unsubscribe() {
        coordinator.ifPresent(ConsumerGroupCoordinator::unsubscribe);
        subscriptions.unsubscribe();
    }

    /** Joins, rejoins, heartbeats and auto-commits as needed; a no-op without a group. */
    public void poll(Duration timeout) {
        coordinator.ifPresent(group -> group.poll(timeout));
    }

    public boolean isSubscribed() {
        return !subscriptions.subscription().isEmpty();
    }

    public void commitSync(Duration timeout) {
        coordinator().commitSync(timeout);
    }

    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        coordinator().commitSync(offsets, timeout);
    }

    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        coordinator().commitAsync(offsets, callback);
    }

    /** Commits the consumed positions of the assignment in the background. */
    public void commitAsync(OffsetCommitCallback callback) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        target().consumedPositions().forEach((tp, position) -> offsets.put(tp, new OffsetAndMetadata(position)));
        coordinator().commitAsync(offsets, callback);
    }

    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        return coordinator().committed(partitions, timeout);
    }

    /** Commits (with auto-commit), revokes and leaves the group, then closes the group's network client. */
    @Override
    public void close() {
        try {
            coordinator.ifPresent(ConsumerGroupCoordinator::close);
        } finally {
            network.ifPresent(NetworkClient::close);
        }
    }
}
