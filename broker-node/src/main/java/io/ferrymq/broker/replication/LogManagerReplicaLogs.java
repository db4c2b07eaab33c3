package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.broker.partition.ReplicaLog;
import io.ferrymq.client.common.TopicPartition;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The storage module's {@link LogManager} seen as the replica manager's {@link ReplicaLogStore}.
 *
 * <p>Thread-safe as the log manager is.
 */
public final class LogManagerReplicaLogs implements ReplicaLogStore {

    private final LogManager logs;

    public LogManagerReplicaLogs(LogManager logs) {
        this.logs = logs;
    }

    @Override
    public ReplicaLog getOrCreate(TopicPartition partition) {
        return new PartitionLogReplica(logs.getOrCreate(partition));
    }

    @Override
    public Set<TopicPartition> localPartitions() {
        return logs.all().stream().map(PartitionLog::topicPartition).collect(Collectors.toSet());
    }

    @Override
    public void delete(TopicPartition partition) {
        logs.delete(partition);
    }

    @Override
    public OptionalLong highWatermarkCheckpoint(TopicPartition partition) {
        return logs.highWatermarkCheckpoint(partition);
    }

    @Override
    public void checkpointHighWatermarks(Map<TopicPartition, Long> highWatermarks) {
        logs.checkpointHighWatermarks(highWatermarks);
    }
}
