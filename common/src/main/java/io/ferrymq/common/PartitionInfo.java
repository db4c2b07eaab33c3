package io.ferrymq.common;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One partition as the Metadata API describes it: its leader (empty while none is elected), the
 * leader epoch, the assigned replicas, the in-sync replicas and the offline replicas (on a broker
 * that is down or whose log dir holding the replica failed), all as broker ids.
 *
 * <p>Immutable and thread-safe.
 */
public record PartitionInfo(TopicPartition topicPartition, OptionalInt leader, int leaderEpoch,
                            List<Integer> replicas, List<Integer> isr, List<Integer> offlineReplicas) {

    public PartitionInfo {
        Objects.requireNonNull(topicPartition, "topicPartition");
        Objects.requireNonNull(leader, "leader");
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        offlineReplicas = List.copyOf(offlineReplicas);
    }

    /** A partition without offline replicas. */
    public PartitionInfo(TopicPartition topicPartition, OptionalInt leader, int leaderEpoch, List<Integer> replicas,
                         List<Integer> isr) {
        this(topicPartition, leader, leaderEpoch, replicas, isr, List.of());
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    /** True when fewer replicas are in sync than are assigned. */
    public boolean isUnderReplicated() {
        return isr.size() < replicas.size();
    }
}
