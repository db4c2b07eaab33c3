package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.metadata.MetadataStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partition replicas this broker hosts, by partition, the replicas it took offline (their log
 * dir failed; KIP-112), and the error a request gets for a partition it does not serve:
 * {@code KAFKA_STORAGE_ERROR} for an offline replica (as Kafka answers), {@code NOT_LEADER_OR_FOLLOWER}
 * when the partition exists elsewhere, {@code UNKNOWN_TOPIC_OR_PARTITION} when the metadata does not
 * know it. An offline replica stays offline until the broker restarts (or its topic is deleted).
 *
 * <p>Thread-safe.
 */
final class HostedPartitions {

    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, String> offline = new ConcurrentHashMap<>();
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
        String failedDir = offline.get(partition);
        if (failedDir != null) {
            throw ErrorCode.KAFKA_STORAGE_ERROR.exception("the replica of " + partition + " on broker " + brokerId
                    + " is offline: log dir " + failedDir + " failed");
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

    /**
     * Takes the replica offline because {@code logDir} failed: it is no longer hosted and requests
     * for it get {@code KAFKA_STORAGE_ERROR}. Returns the replica that was hosted, if any.
     */
    Optional<Partition> takeOffline(TopicPartition partition, String logDir) {
        offline.put(partition, logDir);
        return Optional.ofNullable(partitions.remove(partition));
    }

    boolean isOffline(TopicPartition partition) {
        return offline.containsKey(partition);
    }

    /** The replicas taken offline since start-up. */
    Set<TopicPartition> offline() {
        return Set.copyOf(offline.keySet());
    }

    /** Forgets the offline replicas of a deleted topic. */
    void forgetOffline(String topic) {
        offline.keySet().removeIf(tp -> tp.topic().equals(topic));
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
