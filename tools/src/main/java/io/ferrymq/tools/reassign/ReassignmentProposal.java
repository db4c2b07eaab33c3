package io.ferrymq.tools.reassign;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.assignment.BrokerPlacement;
import io.ferrymq.common.assignment.ReplicaAssigner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --generate}'s proposal: every partition of the given topics placed over the given brokers by
 * {@link ReplicaAssigner} (the placement topic creation uses), each topic keeping its replication
 * factor and partition count. Pure and stateless.
 */
public final class ReassignmentProposal {

    private ReassignmentProposal() {
    }

    /**
     * @param current the current replicas of every partition of the topics to move
     * @param brokers the brokers to move them to (with racks when known)
     * @param startIndex where the round robin of leaders starts (Kafka starts at random)
     * @throws IllegalArgumentException when a topic needs more replicas than there are brokers
     */
    public static ReassignmentPlan propose(Map<TopicPartition, List<Integer>> current, List<BrokerPlacement> brokers,
                                           int startIndex) {
        Map<String, TreeMap<Integer, List<Integer>>> byTopic = new LinkedHashMap<>();
        current.forEach((tp, replicas) -> byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>())
                .put(tp.partition(), replicas));
        Map<TopicPartition, List<Integer>> proposed = new LinkedHashMap<>();
        byTopic.forEach((topic, partitions) -> {
            int replicationFactor = partitions.firstEntry().getValue().size();
            if (replicationFactor > brokers.size()) {
                throw new IllegalArgumentException("topic " + topic + " has " + replicationFactor
                        + " replicas per partition, more than the " + brokers.size() + " brokers given");
            }
            ReplicaAssigner.assign(brokers, replicationFactor, 0, partitions.size(), startIndex)
                    .forEach((p, replicas) -> proposed.put(new TopicPartition(topic, p), replicas));
        });
        return new ReassignmentPlan(proposed);
    }
}
