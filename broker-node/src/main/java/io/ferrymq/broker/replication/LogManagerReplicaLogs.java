package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogDirFailureChannel;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.broker.log.TopicLogConfig;
import io.ferrymq.broker.metrics.BrokerMetricNames;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.partition.ReplicaLog;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage module's {@link LogManager} seen as the replica manager's {@link ReplicaLogStore}.
 * Every log runs with the broker's log settings merged with its topic's overrides ({@link TopicLogConfig}),
 * applied again whenever the topic's configs change. With metrics, every local log's size is a gauge
 * from creation to deletion.
 *
 * <p>Thread-safe as the log manager is.
 */
public final class LogManagerReplicaLogs implements ReplicaLogStore {

    private static final Logger LOG = LoggerFactory.getLogger(LogManagerReplicaLogs.class);

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
    public void placeNewLogs(List<TopicPartition> partitions) {
        logs.placeNewLogs(partitions);
    }

    @Override
    public ReplicaLog getOrCreate(TopicPartition partition, Map<String, String> topicConfigs) {
        LogConfig logConfig = logConfig(partition, topicConfigs);
        PartitionLog log = logs.getOrCreate(partition, logConfig);
        if (!log.config().equals(logConfig)) {
            log.updateConfig(logConfig);
        }
        metrics.ifPresent(m -> m.registerLogSize(partition, log::sizeInBytes));
        return new PartitionLogReplica(log, logs.failureChannel());
    }

    @Override
    public synchronized void reconfigure(LogConfig brokerLogConfig) {
        logs.reconfigure(brokerLogConfig);
    }

    /** Synchronized with {@link #reconfigure}: a merge never applies broker settings replaced meanwhile. */
    @Override
    public synchronized void applyTopicConfigs(TopicPartition partition, Map<String, String> topicConfigs) {
        logs.get(partition).ifPresent(log -> {
            LogConfig logConfig = logConfig(partition, topicConfigs);
            if (!log.config().equals(logConfig)) {
                log.updateConfig(logConfig);
                LOG.info("Log of {} now runs with its topic's overrides {} over the broker's log settings", partition,
                        topicConfigs);
            }
        });
    }

    /**
     * The broker's settings merged with the topic's overrides; an invalid override (only a hand-edited
     * znode can hold one, as creation and alteration validate) is logged and the broker's settings kept.
     */
    private LogConfig logConfig(TopicPartition partition, Map<String, String> topicConfigs) {
        try {
            return TopicLogConfig.merge(logs.config(), topicConfigs);
        } catch (ConfigException e) {
            LOG.error("Topic of {} has an invalid log override; using the broker's log settings", partition, e);
            return logs.config();
        }
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
