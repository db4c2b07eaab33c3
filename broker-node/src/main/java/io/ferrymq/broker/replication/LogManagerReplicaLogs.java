package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogDirFailureChannel;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.partition.ReplicaLog;
import io.ferrymq.common.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The storage module's {@link LogManager} seen as the replica manager's {@link ReplicaLogStore}.
 * With metrics, every local log's size is a gauge from creation to deletion.
 *
 * <p>Thread-safe as the log manager is.
 */
public final class LogManagerReplicaLogs implements ReplicaLogStore {

    private final LogManager logs;
    private final Optional<BrokerMetrics> metrics;

    public LogManagerReplicaLogs(LogManager logs) {
        this(logs, Optional.empty());
    }

    public LogManagerReplicaLogs(LogManager logs, Optional<BrokerMetrics> metrics) {
        this.logs = logs;
        this.metrics = metrics;
    }

    @Override
    public ReplicaLog getOrCreate(TopicPartition partition) {
        PartitionLog log = logs.getOrCreate(partition);
        metrics.ifPresent(m -> m.registerLogSize(partition, log::sizeInBytes));
        return new PartitionLogReplica(log, logs.failureChannel());
    }

    @Override
    public Set<TopicPartition> localPartitions() {
        return logs.all().stream().map(PartitionLog::topicPartition).collect(Collectors.toSet());
    }

    @Override
    public void delete(TopicPartition partition) {
        metrics.ifPresent(m -> m.remove(BrokerMetricNames.logSize(partition)));
        logs.delete(partition);
    }

    @Override
    public LogDirFailureChannel failureChannel() {
        return logs.failureChannel();
    }

    @Override
    public Set<TopicPartition> partitionsIn(Path logDir) {
        return logs.all().stream().filter(l -> l.dir().getParent().equals(logDir)).map(PartitionLog::topicPartition)
                .collect(Collectors.toSet());
    }

    @Override
    public void handleLogDirFailure(Path logDir) {
        logs.handleLogDirFailure(logDir)
                .forEach(tp -> metrics.ifPresent(m -> m.remove(BrokerMetricNames.logSize(tp))));
    }

    @Override
    public List<Path> onlineLogDirs() {
        return logs.onlineLogDirs();
    }

    @Override
    public List<Path> offlineLogDirs() {
        return logs.offlineLogDirs();
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
