package io.ferrymq.common.errors;

import java.util.HashMap;
import java.util.Map;

/**
 * Every error that travels on the wire, with a stable numeric code and whether a client may
 * retry the request that produced it. Codes follow Kafka's numbering where the meaning is the
 * same, so operators can read them with Kafka's documentation at hand.
 *
 * <p>Codes are never renumbered or reused. Unknown codes decode to {@link #UNKNOWN_SERVER_ERROR}.
 * Immutable and thread-safe.
 */
public enum ErrorCode {
    UNKNOWN_SERVER_ERROR(-1, false, "The server experienced an unexpected error"),
    NONE(0, false, ""),
    OFFSET_OUT_OF_RANGE(1, false, "The requested offset is not within the range of offsets kept by the server"),
    CORRUPT_MESSAGE(2, true, "The message failed its CRC check, has an invalid size or is otherwise corrupt"),
    UNKNOWN_TOPIC_OR_PARTITION(3, true, "This server does not host this topic-partition"),
    INVALID_FETCH_SIZE(4, false, "The requested fetch size is invalid"),
    LEADER_NOT_AVAILABLE(5, true, "There is no leader for this topic-partition (leader election in progress or partition offline)"),
    NOT_LEADER_OR_FOLLOWER(6, true, "This server is not the leader (or a follower) of this topic-partition"),
    REQUEST_TIMED_OUT(7, true, "The request timed out"),
    BROKER_NOT_AVAILABLE(8, false, "The broker is not available"),
    REPLICA_NOT_AVAILABLE(9, true, "The replica is not available for the requested topic-partition"),
    MESSAGE_TOO_LARGE(10, false, "The request included a message larger than the maximum message size the server accepts"),
    NETWORK_EXCEPTION(13, true, "The server disconnected before a response was received"),
    COORDINATOR_LOAD_IN_PROGRESS(14, true, "The coordinator is loading and hence cannot process requests"),
    COORDINATOR_NOT_AVAILABLE(15, true, "The coordinator is not available"),
    NOT_COORDINATOR(16, true, "This is not the correct coordinator"),
    INVALID_TOPIC_EXCEPTION(17, false, "The topic name is invalid"),
    RECORD_LIST_TOO_LARGE(18, false, "The request included record batches larger than the configured segment size"),
    NOT_ENOUGH_REPLICAS(19, true, "Messages are rejected since there are fewer in-sync replicas than required"),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(20, true, "Messages are written to the log, but to fewer in-sync replicas than required"),
    INVALID_REQUIRED_ACKS(21, false, "Produce request specified an invalid value for required acks"),
    ILLEGAL_GENERATION(22, false, "Specified group generation id is not valid"),
    INCONSISTENT_GROUP_PROTOCOL(23, false, "The group member's supported protocols are incompatible with those of existing members"),
    INVALID_GROUP_ID(24, false, "The group id is invalid"),
    UNKNOWN_MEMBER_ID(25, false, "The coordinator is not aware of this member"),
    INVALID_SESSION_TIMEOUT(26, false, "The session timeout is not within the range allowed by the broker"),
    REBALANCE_IN_PROGRESS(27, false, "The group is rebalancing, so a rejoin is needed"),
    INVALID_COMMIT_OFFSET_SIZE(28, false, "The committing offset data size is not valid"),
    TOPIC_AUTHORIZATION_FAILED(29, false, "Topic authorization failed"),
    GROUP_AUTHORIZATION_FAILED(30, false, "Group authorization failed"),
    CLUSTER_AUTHORIZATION_FAILED(31, false, "Cluster authorization failed"),
    UNSUPPORTED_SASL_MECHANISM(33, false, "The broker does not support the requested SASL mechanism"),
    ILLEGAL_SASL_STATE(34, false, "Request is not valid given the current SASL state"),
    UNSUPPORTED_VERSION(35, false, "The version of the API is not supported"),
    TOPIC_ALREADY_EXISTS(36, false, "Topic with this name already exists"),
    INVALID_PARTITIONS(37, false, "Number of partitions is below 1 or not larger than the current count"),
    INVALID_REPLICATION_FACTOR(38, false, "Replication factor is below 1 or larger than the number of available brokers"),
    INVALID_REPLICA_ASSIGNMENT(39, false, "Replica assignment is invalid"),
    INVALID_CONFIG(40, false, "Configuration is invalid"),
    INVALID_REQUEST(42, false, "The request is malformed or violates the protocol"),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, false, "The broker received an out of order sequence number"),
    DUPLICATE_SEQUENCE_NUMBER(46, false, "The broker received a duplicate sequence number"),
    INVALID_PRODUCER_EPOCH(47, false, "Producer attempted to produce with an old epoch"),
    SECURITY_DISABLED(54, false, "Security features are disabled"),
    KAFKA_STORAGE_ERROR(56, true, "Disk error when trying to access the log file on the disk"),
    SASL_AUTHENTICATION_FAILED(58, false, "SASL Authentication failed"),
    UNKNOWN_PRODUCER_ID(59, false, "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question"),
    NON_EMPTY_GROUP(68, false, "The group is not empty"),
    GROUP_ID_NOT_FOUND(69, false, "The group id does not exist"),
    FETCH_SESSION_ID_NOT_FOUND(70, true, "The fetch session ID was not found"),
    INVALID_FETCH_SESSION_EPOCH(71, true, "The fetch session epoch is invalid"),
    FENCED_LEADER_EPOCH(74, true, "The leader epoch in the request is older than the epoch on the broker"),
    UNKNOWN_LEADER_EPOCH(75, true, "The leader epoch in the request is newer than the epoch on the broker"),
    UNSUPPORTED_COMPRESSION_TYPE(76, false, "The requesting client does not support the compression type of given partition"),
    MEMBER_ID_REQUIRED(79, false, "The group member needs a valid member id before actually entering a consumer group"),
    PREFERRED_LEADER_NOT_AVAILABLE(80, true, "The preferred leader was not available"),
    ELIGIBLE_LEADERS_NOT_AVAILABLE(83, true, "Eligible topic partition leaders are not available"),
    ELECTION_NOT_NEEDED(84, true, "Leader election not needed for topic partition"),
    NO_REASSIGNMENT_IN_PROGRESS(85, false, "No partition reassignment is in progress"),
    INVALID_RECORD(87, false, "A record failed validation on the broker"),
    RESOURCE_NOT_FOUND(91, false, "A request illegally referred to a resource that does not exist"),
    DUPLICATE_RESOURCE(92, false, "A request illegally referred to the same resource twice"),
    UNACCEPTABLE_CREDENTIAL(93, false, "Requested credential would not meet criteria for acceptability"),
    UNKNOWN_TOPIC_ID(100, true, "This server does not host this topic ID"),
    FETCH_SESSION_TOPIC_ID_ERROR(106, true, "This fetch session does not use topic IDs the way this request does"),
    UNKNOWN_API_KEY(1001, false, "The API key is not known to this server");

    private static final Map<Short, ErrorCode> BY_CODE = new HashMap<>();

    static {
        for (ErrorCode error : values()) {
            ErrorCode previous = BY_CODE.put(error.code, error);
            if (previous != null) {
                throw new ExceptionInInitializerError(
                        "Error code " + error.code + " used by both " + previous + " and " + error);
            }
        }
    }

    private final short code;
    private final boolean retriable;
    private final String defaultMessage;

    ErrorCode(int code, boolean retriable, String defaultMessage) {
        this.code = (short) code;
        this.retriable = retriable;
        this.defaultMessage = defaultMessage;
    }

    public short code() {
        return code;
    }

    public boolean isRetriable() {
        return retriable;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The error for a wire code; codes this version does not know become {@link #UNKNOWN_SERVER_ERROR}. */
    public static ErrorCode forCode(short code) {
        return BY_CODE.getOrDefault(code, UNKNOWN_SERVER_ERROR);
    }

    /** An exception carrying this error, with a message that says what failed (topic, partition, reason). */
    public ApiException exception(String message) {
        return new ApiException(this, message == null || message.isEmpty() ? defaultMessage : message);
    }
}
