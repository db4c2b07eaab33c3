package io.ferrymq.broker.metrics;

import io.ferrymq.common.TopicPartition;

/**
 * The names of every broker metric, in one place, modelled on Kafka's JMX names (the JMX object
 * name is {@code io.ferrymq:type=<type>,name=<name>[,tag=value...]}). docs/METRICS.md lists them.
 * Stateless.
 */
public final class BrokerMetricNames {

    public static final String TOPIC_METRICS = "BrokerTopicMetrics";
    public static final String REQUEST_METRICS = "RequestMetrics";
    public static final String REPLICA_MANAGER = "ReplicaManager";
    public static final String LOG_MANAGER = "LogManager";

    public static final MetricName MESSAGES_IN = MetricName.of(TOPIC_METRICS, "MessagesInPerSec");
    public static final MetricName BYTES_IN = MetricName.of(TOPIC_METRICS, "BytesInPerSec");
    public static final MetricName BYTES_OUT = MetricName.of(TOPIC_METRICS, "BytesOutPerSec");
    public static final MetricName REPLICATION_BYTES_OUT = MetricName.of(TOPIC_METRICS, "ReplicationBytesOutPerSec");
    public static final MetricName FAILED_PRODUCE = MetricName.of(TOPIC_METRICS, "FailedProduceRequestsPerSec");
    public static final MetricName FAILED_FETCH = MetricName.of(TOPIC_METRICS, "FailedFetchRequestsPerSec");

    public static final MetricName UNDER_REPLICATED = MetricName.of(REPLICA_MANAGER, "UnderReplicatedPartitions");
    public static final MetricName UNDER_MIN_ISR = MetricName.of(REPLICA_MANAGER, "UnderMinIsrPartitionCount");
    public static final MetricName OFFLINE = MetricName.of(REPLICA_MANAGER, "OfflinePartitionsCount");
    public static final MetricName LEADER_COUNT = MetricName.of(REPLICA_MANAGER, "LeaderCount");
    public static final MetricName PARTITION_COUNT = MetricName.of(REPLICA_MANAGER, "PartitionCount");
    public static final MetricName ISR_SHRINKS = MetricName.of(REPLICA_MANAGER, "IsrShrinksPerSec");
    public static final MetricName ISR_EXPANDS = MetricName.of(REPLICA_MANAGER, "IsrExpandsPerSec");

    public static final MetricName OFFLINE_LOG_DIRS = MetricName.of(LOG_MANAGER, "OfflineLogDirectoryCount");
    /** Open {@code .log} files of inactive segments, at most {@code log.open.inactive.segments.max}. */
    public static final MetricName OPEN_INACTIVE_SEGMENT_FILES = MetricName.of(LOG_MANAGER, "OpenInactiveSegmentFiles");

    public static final String LOG_CLEANER = "LogCleaner";
    public static final MetricName CLEANER_RECOPY_PERCENT = MetricName.of(LOG_CLEANER, "cleaner-recopy-percent");
    public static final MetricName MAX_DIRTY_PERCENT = MetricName.of(LOG_CLEANER, "max-dirty-percent");
    public static final MetricName TIME_SINCE_LAST_RUN_MS = MetricName.of(LOG_CLEANER, "time-since-last-run-ms");

    public static final MetricName UNCLEAN_ELECTIONS = MetricName.of("ControllerStats", "UncleanLeaderElectionsPerSec");
    public static final MetricName AUTHORIZATION_ALLOWED = MetricName.of("AuthorizerMetrics", "AuthorizationAllowedPerSec");
    public static final MetricName AUTHORIZATION_DENIED = MetricName.of("AuthorizerMetrics", "AuthorizationDeniedPerSec");
    public static final MetricName ZK_SESSION_STATE = MetricName.of("SessionExpireListener", "SessionState");

    public static final String FETCH_SESSION_CACHE = "FetchSessionCache";
    public static final MetricName FETCH_SESSIONS = MetricName.of(FETCH_SESSION_CACHE, "NumIncrementalFetchSessions");
    public static final MetricName FETCH_SESSION_PARTITIONS =
            MetricName.of(FETCH_SESSION_CACHE, "NumIncrementalFetchPartitionsCached");
    public static final MetricName FOLLOWER_FETCH_PARTITIONS =
            MetricName.of(REQUEST_METRICS, "RequestPartitions", "request", "FetchFollower");
    public static final MetricName LAST_FOLLOWER_FETCH_PARTITIONS =
            MetricName.of(REQUEST_METRICS, "LastRequestPartitions", "request", "FetchFollower");

    public static final String PRODUCE = "Produce";
    public static final String FETCH = "Fetch";
    public static final String FETCH_FOLLOWER = "FetchFollower";

    private BrokerMetricNames() {
    }

    /** A per-topic variant of a {@link #TOPIC_METRICS} meter. */
    public static MetricName forTopic(MetricName total, String topic) {
        return MetricName.of(total.type(), total.name(), "topic", topic);
    }

    /** Total time of one request type (rate and latency percentiles), e.g. {@code request=Produce}. */
    public static MetricName requestTotalTime(String request) {
        return MetricName.of(REQUEST_METRICS, "TotalTimeMs", "request", request);
    }

    /** Time a request waited in the request queue before a handler picked it up. */
    public static MetricName requestQueueTime(String request) {
        return MetricName.of(REQUEST_METRICS, "RequestQueueTimeMs", "request", request);
    }

    /** Number of delayed operations waiting, e.g. {@code delayedOperation=Produce}. */
    public static MetricName purgatorySize(String operation) {
        return MetricName.of("DelayedOperationPurgatory", "PurgatorySize", "delayedOperation", operation);
    }

    /** Bytes on disk of one partition's log. */
    public static MetricName logSize(TopicPartition tp) {
        return MetricName.of("Log", "Size", "topic", tp.topic(), "partition", Integer.toString(tp.partition()));
    }

    /** 1 when the log dir is offline (its disk failed), else 0 (Kafka's per-directory gauge). */
    public static MetricName logDirectoryOffline(String logDirectory) {
        return MetricName.of(LOG_MANAGER, "LogDirectoryOffline", "logDirectory", logDirectory);
    }

    /** Messages a consumer group has yet to consume in one partition (high watermark - committed offset). */
    public static MetricName consumerLag(String group, TopicPartition tp) {
        return MetricName.of("ConsumerGroupMetrics", "ConsumerLag",
                "group", group, "topic", tp.topic(), "partition", Integer.toString(tp.partition()));
    }
}
