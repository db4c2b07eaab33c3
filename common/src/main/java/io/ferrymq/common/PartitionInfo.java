package io.ferrymq.common;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One partition as the Metadata API describes it: its leader (empty while none is elected), the
 * leader epoch, the assigned replicas and the in-sync replicas, all as broker ids.
 *
 * <p>Immutable and thread-safe.
 */
public record PartitionInfo(TopicPartition topicPartition, OptionalInt leader, int leaderEpoch,
                            List<Integer> replicas, List<Integer> isr) {

    public PartitionInfo {
        Objects.requireNonNull(topicPartition, "topicPartition");
        Objects.requireNonNull(leader, "leader");
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
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
