package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogDirFailureChannel;
import io.ferrymq.broker.partition.ReplicaLog;
import io.ferrymq.common.TopicPartition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The local logs of the partition replicas this broker hosts, as the replica manager sees them
 * (the broker adapts the storage module's {@code LogManager} to it): open or create a replica's
 * log, delete it, list what is on disk, and keep high watermarks across restarts.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReplicaLogStore {

    /**
     * The replica's log, created if absent, running with the broker's log settings overridden by its
     * topic's {@code topicConfigs} ({@link io.ferrymq.common.config.TopicConfigKeys}).
     */
    ReplicaLog getOrCreate(TopicPartition partition, Map<String, String> topicConfigs);

    /**
     * Chooses, in the given order, the log dir of each of {@code partitions} that has no log yet, for
     * their {@link #getOrCreate} calls that follow (which may then run at once, in any order): the
     * placement is the one creating them one after another would give.
     */
    void placeNewLogs(List<TopicPartition> partitions);

    /** Applies the topic's current {@code topicConfigs} to the replica's live log; no-op when it has none. */
    void applyTopicConfigs(TopicPartition partition, Map<String, String> topicConfigs);

    /**
     * Replaces the broker's log settings (dynamic broker configs change them) for logs created from now
     * on; live logs follow when {@link #applyTopicConfigs} is called for them.
     */
    void reconfigure(LogConfig brokerLogConfig);

    /** Partitions with a log on local disk. */
    Set<TopicPartition> localPartitions();

    /** Deletes the replica's log and its files; no-op when absent. */
    void delete(TopicPartition partition);

    /** The high watermark last checkpointed for the partition. */
    OptionalLong highWatermarkCheckpoint(TopicPartition partition);

    /** Where disk errors of these logs are reported (KIP-112). */
    LogDirFailureChannel failureChannel();

    /** The partitions whose logs are in {@code logDir}. */
    Set<TopicPartition> partitionsIn(Path logDir);

    /** Closes the logs of the failed {@code logDir} without writing to them and forgets them. */
    void handleLogDirFailure(Path logDir);

    /** The log dirs still online, and those offline. */
    List<Path> onlineLogDirs();

    List<Path> offlineLogDirs();

    /** Writes the high watermarks of every hosted partition (atomically replacing the previous checkpoint). */
    void checkpointHighWatermarks(Map<TopicPartition, Long> highWatermarks);
}
