package io.ferrymq.client.protocol;

import io.ferrymq.client.protocol.requests.ApiVersionsRequest;
import io.ferrymq.client.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.client.protocol.requests.CreateTopicsRequest;
import io.ferrymq.client.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.client.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.client.protocol.requests.DescribeClusterRequest;
import io.ferrymq.client.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.client.protocol.requests.FetchRequest;
import io.ferrymq.client.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.client.protocol.requests.HeartbeatRequest;
import io.ferrymq.client.protocol.requests.InitProducerIdRequest;
import io.ferrymq.client.protocol.requests.JoinGroupRequest;
import io.ferrymq.client.protocol.requests.LeaveGroupRequest;
import io.ferrymq.client.protocol.requests.ListGroupsRequest;
import io.ferrymq.client.protocol.requests.ListOffsetsRequest;
import io.ferrymq.client.protocol.requests.MetadataRequest;
import io.ferrymq.client.protocol.requests.OffsetCommitRequest;
import io.ferrymq.client.protocol.requests.OffsetFetchRequest;
import io.ferrymq.client.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.client.protocol.requests.ProduceRequest;
import io.ferrymq.client.protocol.requests.SyncGroupRequest;
import io.ferrymq.client.protocol.responses.ApiVersionsResponse;
import io.ferrymq.client.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.client.protocol.responses.CreateTopicsResponse;
import io.ferrymq.client.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.client.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.client.protocol.responses.DescribeClusterResponse;
import io.ferrymq.client.protocol.responses.DescribeGroupsResponse;
import io.ferrymq.client.protocol.responses.FetchResponse;
import io.ferrymq.client.protocol.responses.FindCoordinatorResponse;
import io.ferrymq.client.protocol.responses.HeartbeatResponse;
import io.ferrymq.client.protocol.responses.InitProducerIdResponse;
import io.ferrymq.client.protocol.responses.JoinGroupResponse;
import io.ferrymq.client.protocol.responses.LeaveGroupResponse;
import io.ferrymq.client.protocol.responses.ListGroupsResponse;
import io.ferrymq.client.protocol.responses.ListOffsetsResponse;
import io.ferrymq.client.protocol.responses.MetadataResponse;
import io.ferrymq.client.protocol.responses.OffsetCommitResponse;
import io.ferrymq.client.protocol.responses.OffsetFetchResponse;
import io.ferrymq.client.protocol.responses.OffsetsForLeaderEpochResponse;
import io.ferrymq.client.protocol.responses.ProduceResponse;
import io.ferrymq.client.protocol.responses.SyncGroupResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every request type Ferry serves, with its stable numeric id (Kafka's api key where Kafka has the
 * same API, so traffic dumps read alike), the request and response record classes, and the range
 * of versions this build speaks. Ids are never renumbered or reused.
 *
 * <p>Immutable and thread-safe.
 */
public enum ApiKey {
    PRODUCE(0, ProduceRequest.class, ProduceResponse.class),
    FETCH(1, FetchRequest.class, FetchResponse.class),
    LIST_OFFSETS(2, ListOffsetsRequest.class, ListOffsetsResponse.class),
    METADATA(3, MetadataRequest.class, MetadataResponse.class),
    OFFSET_COMMIT(8, OffsetCommitRequest.class, OffsetCommitResponse.class),
    OFFSET_FETCH(9, OffsetFetchRequest.class, OffsetFetchResponse.class),
    FIND_COORDINATOR(10, FindCoordinatorRequest.class, FindCoordinatorResponse.class),
    JOIN_GROUP(11, JoinGroupRequest.class, JoinGroupResponse.class),
    HEARTBEAT(12, HeartbeatRequest.class, HeartbeatResponse.class),
    LEAVE_GROUP(13, LeaveGroupRequest.class, LeaveGroupResponse.class),
    SYNC_GROUP(14, SyncGroupRequest.class, SyncGroupResponse.class),
    DESCRIBE_GROUPS(15, DescribeGroupsRequest.class, DescribeGroupsResponse.class),
    LIST_GROUPS(16, ListGroupsRequest.class, ListGroupsResponse.class),
    API_VERSIONS(18, ApiVersionsRequest.class, ApiVersionsResponse.class),
    CREATE_TOPICS(19, CreateTopicsRequest.class, CreateTopicsResponse.class),
    DELETE_TOPICS(20, DeleteTopicsRequest.class, DeleteTopicsResponse.class),
    INIT_PRODUCER_ID(22, InitProducerIdRequest.class, InitProducerIdResponse.class),
    OFFSETS_FOR_LEADER_EPOCH(23, OffsetsForLeaderEpochRequest.class, OffsetsForLeaderEpochResponse.class),
    CREATE_PARTITIONS(37, CreatePartitionsRequest.class, CreatePartitionsResponse.class),
    DELETE_GROUPS(42, DeleteGroupsRequest.class, DeleteGroupsResponse.class),
    DESCRIBE_CLUSTER(60, DescribeClusterRequest.class, DescribeClusterResponse.class);

    private static final Map<Short, ApiKey> BY_ID = new HashMap<>();

    static {
        for (ApiKey key : values()) {
            ApiKey previous = BY_ID.put(key.id, key);
            if (previous != null) {
                throw new ExceptionInInitializerError("Api key id " + key.id + " used by both " + previous + " and " + key);
            }
        }
    }

    private final short id;
    private final Class<? extends ApiRequest> requestType;
    private final Class<? extends ApiResponse> responseType;
    private final short minVersion;
    private final short maxVersion;

    ApiKey(int id, Class<? extends ApiRequest> requestType, Class<? extends ApiResponse> responseType) {
        this.id = (short) id;
        this.requestType = requestType;
        this.responseType = responseType;
        this.minVersion = 0;
        this.maxVersion = 0;
    }

    public short id() {
        return id;
    }

    public Class<? extends ApiRequest> requestType() {
        return requestType;
    }

    public Class<? extends ApiResponse> responseType() {
        return responseType;
    }

    public short minVersion() {
        return minVersion;
    }

    public short maxVersion() {
        return maxVersion;
    }

    /** The newest version this build speaks; what clients send. */
    public short latestVersion() {
        return maxVersion;
    }

    public boolean isVersionSupported(short version) {
        return version >= minVersion && version <= maxVersion;
    }

    /** The key for a wire id, empty for ids this build does not know. */
    public static Optional<ApiKey> forId(short id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
