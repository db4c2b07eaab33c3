package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.network.BrokerAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The consumer settings a group member needs, under Kafka's names: {@code group.id},
 * {@code client.id}, {@code session.timeout.ms}, {@code max.poll.interval.ms} (sent as the
 * rebalance timeout), {@code heartbeat.interval.ms}, {@code retry.backoff.ms},
 * {@code request.timeout.ms}, {@code partition.assignment.strategy}, {@code enable.auto.commit},
 * {@code auto.commit.interval.ms}, and the bootstrap brokers. Immutable and thread-safe.
 */
public record GroupMemberConfig(String groupId, String clientId, List<BrokerAddress> bootstrap, int sessionTimeoutMs,
                                int rebalanceTimeoutMs, int heartbeatIntervalMs, long retryBackoffMs,
                                int requestTimeoutMs, List<PartitionAssignor> assignors, boolean enableAutoCommit,
                                int autoCommitIntervalMs) {

    public GroupMemberConfig {
        Objects.requireNonNull(groupId, "group.id");
        Objects.requireNonNull(clientId, "client.id");
        bootstrap = List.copyOf(bootstrap);
        assignors = List.copyOf(assignors);
        if (groupId.isEmpty()) {
            throw new IllegalArgumentException("group.id must be set to join a group");
        }
        if (bootstrap.isEmpty() || assignors.isEmpty()) {
            throw new IllegalArgumentException("bootstrap.servers and partition.assignment.strategy must not be empty");
        }
    }

    /** From a parsed consumer config; refuses a config without {@code group.id}. */
    public static GroupMemberConfig from(ConsumerConfig config) {
        String group = config.groupId().orElseThrow(() ->
                new IllegalArgumentException("group.id must be set to subscribe to topics"));
        List<BrokerAddress> bootstrap = config.bootstrapServers().stream()
                .map(GroupMemberConfig::address).toList();
        return new GroupMemberConfig(group, config.clientId(), bootstrap, config.sessionTimeoutMs(),
                config.maxPollIntervalMs(), config.heartbeatIntervalMs(), config.retryBackoffMs(),
                config.requestTimeoutMs(), PartitionAssignors.fromConfig(String.join(",", config.partitionAssignmentStrategy())),
                config.enableAutoCommit(), config.autoCommitIntervalMs());
    }

    private static BrokerAddress address(InetSocketAddress socket) {
        return new BrokerAddress(socket.getHostString(), socket.getPort());
    }
}
