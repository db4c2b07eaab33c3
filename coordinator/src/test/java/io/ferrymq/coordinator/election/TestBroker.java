package io.ferrymq.coordinator.election;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** One simulated broker for election tests: its own Curator client, registration, metadata cache and electors. */
final class TestBroker implements AutoCloseable {

    /** A leadership callback as the broker saw it. */
    record Event(int brokerId, TopicPartition partition, boolean leader, int leaderId, int epoch) {
    }

    final int id;
    final ZkClient client;
    final ZkBrokerRegistry registry;
    final ZkMetadataStore metadata;
    final LeaderElectionService election;
    final List<Event> events = new CopyOnWriteArrayList<>();

    /** Shared across brokers of one test: which broker became leader at each (partition, epoch). */
    private final Map<String, Integer> leaderOfEpoch;
    private final List<String> violations;

    TestBroker(ZkConfig config, int id, ElectionConfig electionConfig, Map<String, Integer> leaderOfEpoch,
               List<String> violations) {
        this.id = id;
        this.leaderOfEpoch = leaderOfEpoch;
        this.violations = violations;
        this.client = ZkClient.connect(config);
        this.registry = new ZkBrokerRegistry(client);
        registry.start();
        registry.register(new BrokerInfo(id, "127.0.0.1", 9000 + id, Optional.empty(), 0));
        this.metadata = new ZkMetadataStore(client);
        metadata.start();
        this.election = new LeaderElectionService(client, registry, metadata, electionConfig, new LeadershipListener() {
            @Override
            public void onBecomeLeader(TopicPartition partition, int leaderEpoch, List<Integer> isr) {
                events.add(new Event(id, partition, true, id, leaderEpoch));
                Integer previous = leaderOfEpoch.putIfAbsent(partition + "@" + leaderEpoch, id);
                if (previous != null) {
                    violations.add("brokers " + previous + " and " + id + " both led " + partition + " at epoch " + leaderEpoch);
                }
                if (!isr.contains(id)) {
                    violations.add("broker " + id + " leads " + partition + " outside ISR " + isr);
                }
            }

            @Override
            public void onBecomeFollower(TopicPartition partition, int leaderId, int leaderEpoch) {
                events.add(new Event(id, partition, false, leaderId, leaderEpoch));
            }
        });
    }

    static TestBroker start(ZkConfig config, int id, Map<String, Integer> leaderOfEpoch, List<String> violations) {
        return new TestBroker(config, id, new ElectionConfig(id, false, Duration.ofMillis(300)), leaderOfEpoch, violations);
    }

    static TestBroker start(ZkConfig config, ElectionConfig electionConfig, Map<String, Integer> leaderOfEpoch,
                            List<String> violations) {
        return new TestBroker(config, electionConfig.brokerId(), electionConfig, leaderOfEpoch, violations);
    }

    static Map<String, Integer> newEpochLog() {
        return new ConcurrentHashMap<>();
    }

    LeaderElector join(TopicPartition partition, List<Integer> replicas) {
        return election.elector(partition, replicas);
    }

    boolean isLeader(TopicPartition partition) {
        return election.get(partition).map(LeaderElector::isLeader).orElse(false);
    }

    int epoch(TopicPartition partition) {
        return election.get(partition).map(LeaderElector::leaderEpoch).orElse(-1);
    }

    boolean wasEverLeader() {
        return events.stream().anyMatch(Event::leader);
    }

    @Override
    public void close() {
        election.close();
        metadata.close();
        registry.close();
        client.close();
    }
}
