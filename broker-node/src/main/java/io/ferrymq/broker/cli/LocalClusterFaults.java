package io.ferrymq.broker.cli;

import io.ferrymq.broker.cluster.BrokerProcess;
import io.ferrymq.broker.cluster.LocalCluster;
import io.ferrymq.broker.cluster.Signal;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.tools.verify.FaultInjector;
import io.ferrymq.tools.verify.FaultKind;
import java.time.Duration;
import java.util.Optional;

/**
 * Faults through the local cluster manager, for {@code ferry verify --local-brokers N}: the victim is
 * the current leader of the topic's partition 0 as ZooKeeper records it. {@code kill}: kill -9, healed
 * by starting the broker again (same id, config and data) and waiting until it is ready. {@code stop}:
 * SIGSTOP, healed by SIGCONT. Signals go to the broker's own PID only (see {@code ManagedProcess}).
 * Used from one thread at a time.
 */
public final class LocalClusterFaults implements FaultInjector {

    private final LocalCluster cluster;
    private final FaultKind kind;
    private final TopicPartition target;
    private final Duration restartTimeout;
    private Optional<BrokerProcess> victim = Optional.empty();

    public LocalClusterFaults(LocalCluster cluster, FaultKind kind, String topic, Duration restartTimeout) {
        if (kind != FaultKind.KILL && kind != FaultKind.STOP) {
            throw new IllegalArgumentException("the local cluster manager kills or stops brokers, not " + kind);
        }
        this.cluster = cluster;
        this.kind = kind;
        this.target = new TopicPartition(topic, 0);
        this.restartTimeout = restartTimeout;
    }

    @Override
    public String begin() {
        Optional<Integer> leader = cluster.partitionState(target).map(PartitionState::leader).filter(id -> id >= 0);
        if (leader.isEmpty()) {
            return "no leader of " + target + " to " + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
        BrokerProcess broker = cluster.broker(leader.get());
        victim = Optional.of(broker);
        switch (kind) {
            case KILL -> broker.kill();
            default -> broker.signal(Signal.STOP);
        }
        return (kind == FaultKind.KILL ? "killed (-9)" : "froze (SIGSTOP)") + " broker " + broker.id() + ", leader of " + target;
    }

    @Override
    public String end() {
        if (victim.isEmpty()) {
            return "nothing to heal";
        }
        BrokerProcess broker = victim.get();
        victim = Optional.empty();
        if (kind == FaultKind.KILL) {
            broker.start();
            broker.awaitReady(restartTimeout);
            return "restarted broker " + broker.id();
        }
        broker.signal(Signal.CONT);
        return "thawed (SIGCONT) broker " + broker.id();
    }
}
