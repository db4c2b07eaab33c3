package io.ferrymq.broker.cli;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.LocalCluster;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.tools.verify.FaultInjector;
import java.util.List;
import java.util.Optional;

/**
 * Network partitions of a local cluster whose servers each live in a network namespace
 * ({@link NetworkNamespaces}), for {@code ferry verify --faults partition}. Each fault takes the next
 * kind in turn, around the current leader of the topic's partition 0: the leader cut from ZooKeeper
 * only; the leader cut from its followers; a follower cut from everyone (the other brokers, ZooKeeper
 * and the client); the client (this host) cut from the leader. Cuts are blackhole routes both ways;
 * healing removes them all. Used from one thread at a time.
 */
final class PartitionFaults implements FaultInjector {

    /** The partition kinds, in the order they are injected. */
    enum Kind {
        LEADER_FROM_ZOOKEEPER,
        LEADER_FROM_FOLLOWERS,
        FOLLOWER_FROM_EVERYONE,
        CLIENT_FROM_LEADER
    }

    private static final String ZOOKEEPER = "zookeeper-1";

    private final LocalCluster cluster;
    private final NetworkNamespaces network;
    private final TopicPartition target;
    private int next;

    PartitionFaults(LocalCluster cluster, NetworkNamespaces network, String topic) {
        this.cluster = cluster;
        this.network = network;
        this.target = new TopicPartition(topic, 0);
    }

    @Override
    public String begin() {
        Optional<Integer> leaderId = cluster.partitionState(target).map(PartitionState::leader).filter(id -> id >= 0);
        if (leaderId.isEmpty()) {
            return "no leader of " + target + " to partition away";
        }
        String leader = "broker-" + leaderId.get();
        List<String> followers = cluster.brokers().stream().map(BrokerProcess::id).filter(id -> !id.equals(leaderId.get()))
                .map(id -> "broker-" + id).toList();
        Kind kind = Kind.values()[next++ % Kind.values().length];
        switch (kind) {
            case LEADER_FROM_ZOOKEEPER -> both(leader, ZOOKEEPER);
            case LEADER_FROM_FOLLOWERS -> followers.forEach(f -> both(leader, f));
            case FOLLOWER_FROM_EVERYONE -> {
                String follower = followers.get(0);
                followers.stream().skip(1).forEach(f -> both(follower, f));
                both(follower, leader);
                both(follower, ZOOKEEPER);
                both(follower, null);
                return "partition " + kind + ": cut " + follower + " from everyone";
            }
            case CLIENT_FROM_LEADER -> both(null, leader);
        }
        return "partition " + kind + ": cut " + leader + (kind == Kind.LEADER_FROM_ZOOKEEPER ? " from ZooKeeper"
                : kind == Kind.LEADER_FROM_FOLLOWERS ? " from " + followers : " from the client");
    }

    private void both(String a, String b) {
        network.cut(a, b);
        network.cut(b, a);
    }

    @Override
    public String end() {
        network.heal();
        return "healed every cut";
    }
}
