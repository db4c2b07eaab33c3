package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.metadata.MetadataStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partition replicas this broker hosts, by partition, and the error a request gets for a
 * partition it does not host: {@code NOT_LEADER_OR_FOLLOWER} when the partition exists elsewhere,
 * {@code UNKNOWN_TOPIC_OR_PARTITION} when the metadata does not know it.
 *
 * <p>Thread-safe.
 */
final class HostedPartitions {

    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final MetadataStore metadata;
    private final int brokerId;

    HostedPartitions(MetadataStore metadata, int brokerId) {
        this.metadata = metadata;
        this.brokerId = brokerId;
    }

    Optional<Partition> get(TopicPartition partition) {
        return Optional.ofNullable(partitions.get(partition));
    }

    /** The hosted replica, or the {@code ApiException} a request for it should get. */
    Partition require(TopicPartition partition) {
        Partition hosted = partitions.get(partition);
        if (hosted != null) {
            return hosted;
        }
        boolean exists = metadata.topic(partition.topic())
                .map(t -> partition.partition() < t.partitionCount()).orElse(false);
        if (exists) {
            throw ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("broker " + brokerId + " hosts no replica of " + partition);
        }
        throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("unknown topic or partition " + partition);
    }

    /** The hosted replica that leads, or the exception a produce or fetch for it should get. */
    Partition requireLeader(TopicPartition partition) {
        Partition hosted = require(partition);
        if (!hosted.isLeader()) {
            throw ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("broker " + brokerId + " is not the leader of "
                    + partition + " (leader " + hosted.leaderId() + ", epoch " + hosted.leaderEpoch() + ")");
        }
        return hosted;
    }

    Partition putIfAbsent(Partition partition) {
        Partition previous = partitions.putIfAbsent(partition.topicPartition(), partition);
        return previous == null ? partition : previous;
    }

    Optional<Partition> remove(TopicPartition partition) {
        return Optional.ofNullable(partitions.remove(partition));
    }

    Collection<Partition> all() {
        return partitions.values();
    }

    List<Partition> leaders() {
        return partitions.values().stream().filter(Partition::isLeader).toList();
    }

    List<Partition> ofTopic(String topic) {
        return partitions.values().stream().filter(p -> p.topicPartition().topic().equals(topic)).toList();
    }
}
