package io.ferrymq.broker.log;

import static io.ferrymq.common.config.TopicConfigKeys.CLEANUP_POLICY;
import static io.ferrymq.common.config.TopicConfigKeys.DELETE_RETENTION_MS;
import static io.ferrymq.common.config.TopicConfigKeys.FLUSH_MESSAGES;
import static io.ferrymq.common.config.TopicConfigKeys.MIN_CLEANABLE_DIRTY_RATIO;
import static io.ferrymq.common.config.TopicConfigKeys.MIN_COMPACTION_LAG_MS;
import static io.ferrymq.common.config.TopicConfigKeys.FLUSH_MS;
import static io.ferrymq.common.config.TopicConfigKeys.INDEX_INTERVAL_BYTES;
import static io.ferrymq.common.config.TopicConfigKeys.MAX_MESSAGE_BYTES;
import static io.ferrymq.common.config.TopicConfigKeys.MESSAGE_TIMESTAMP_TYPE;
import static io.ferrymq.common.config.TopicConfigKeys.RETENTION_BYTES;
import static io.ferrymq.common.config.TopicConfigKeys.RETENTION_MS;
import static io.ferrymq.common.config.TopicConfigKeys.SEGMENT_BYTES;
import static io.ferrymq.common.config.TopicConfigKeys.SEGMENT_INDEX_BYTES;
import static io.ferrymq.common.config.TopicConfigKeys.SEGMENT_MS;

import io.ferrymq.common.config.TopicConfigKeys;
import io.ferrymq.common.record.TimestampType;
import java.util.List;
import java.util.Map;

/**
 * The pure merge of a broker's {@link LogConfig} with a topic's overrides ({@link TopicConfigKeys}):
 * the LogConfig every replica of the topic runs with. Each log-level topic key replaces the broker
 * setting it is a synonym of ({@code retention.ms} for {@code log.retention.ms}, {@code segment.ms}
 * for {@code log.roll.ms}, {@code max.message.bytes} for {@code message.max.bytes},
 * {@code cleanup.policy} for {@code log.cleanup.policy}, and so on); keys
 * that are not about the log ({@code min.insync.replicas}, {@code compression.type},
 * {@code unclean.leader.election.enable}) leave it unchanged, as do broker-only
 * settings (directories, scheduler intervals). Stateless and thread-safe.
 */
public final class TopicLogConfig {

    private TopicLogConfig() {
    }

    /**
     * {@code broker} with {@code overrides} applied.
     *
     * @throws io.ferrymq.common.config.ConfigException an override that is not valid for its key
     */
    public static LogConfig merge(LogConfig broker, Map<String, String> overrides) {
        long flushMessages = longOr(overrides, FLUSH_MESSAGES, broker.flushIntervalMessages());
        long flushMs = longOr(overrides, FLUSH_MS, broker.flushIntervalMs());
        TimestampType timestampType = TopicConfigKeys.value(overrides, MESSAGE_TIMESTAMP_TYPE)
                .map(v -> v.equals(TopicConfigKeys.LOG_APPEND_TIME) ? TimestampType.LOG_APPEND_TIME
                        : TimestampType.CREATE_TIME)
                .orElse(broker.messageTimestampType());
        return new LogConfig(broker.logDirs(),
                intOr(overrides, SEGMENT_BYTES, broker.segmentBytes()),
                longOr(overrides, SEGMENT_MS, broker.rollMs()),
                intOr(overrides, INDEX_INTERVAL_BYTES, broker.indexIntervalBytes()),
                intOr(overrides, SEGMENT_INDEX_BYTES, broker.indexSizeMaxBytes()),
                longOr(overrides, RETENTION_MS, broker.retentionMs()),
                longOr(overrides, RETENTION_BYTES, broker.retentionBytes()),
                flushMessages, flushMs,
                intOr(overrides, MAX_MESSAGE_BYTES, broker.messageMaxBytes()),
                broker.retentionCheckIntervalMs(), broker.flushSchedulerIntervalMs(),
                broker.recoveryPointCheckpointIntervalMs(), broker.messageMaxDecompressedBytes(),
                broker.producerIdExpirationMs(), timestampType, cleanup(broker.cleanup(), overrides));
    }

    @SuppressWarnings("unchecked")
    private static CleanupConfig cleanup(CleanupConfig broker, Map<String, String> overrides) {
        CleanupConfig merged = new CleanupConfig(broker.delete(), broker.compact(),
                TopicConfigKeys.value(overrides, MIN_CLEANABLE_DIRTY_RATIO).map(Double.class::cast)
                        .orElse(broker.minCleanableDirtyRatio()),
                longOr(overrides, DELETE_RETENTION_MS, broker.deleteRetentionMs()),
                longOr(overrides, MIN_COMPACTION_LAG_MS, broker.minCompactionLagMs()));
        return TopicConfigKeys.value(overrides, CLEANUP_POLICY).map(v -> merged.withPolicy((List<String>) v))
                .orElse(merged);
    }

    private static int intOr(Map<String, String> overrides, String key, int brokerValue) {
        return TopicConfigKeys.value(overrides, key).map(Integer.class::cast).orElse(brokerValue);
    }

    private static long longOr(Map<String, String> overrides, String key, long brokerValue) {
        return TopicConfigKeys.value(overrides, key).map(Long.class::cast).orElse(brokerValue);
    }
}
