package io.ferrymq.common.protocol.kryo;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.requests.ListPartitionReassignmentsRequest;
import io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse;
import io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse;
import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.ElectLeadersRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.requests.ListGroupsRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import io.ferrymq.common.protocol.responses.ApiVersionsResponse;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import io.ferrymq.common.protocol.responses.JoinGroupResponse;
import io.ferrymq.common.protocol.responses.LeaveGroupResponse;
import io.ferrymq.common.protocol.responses.ListGroupsResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import io.ferrymq.common.protocol.responses.OffsetsForLeaderEpochResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.protocol.responses.SyncGroupResponse;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.ferrymq.common.protocol.responses.SaslHandshakeResponse;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.responses.SaslAuthenticateResponse;
import io.ferrymq.common.protocol.requests.DescribeUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse;

/**
 * The request and response record classes of each {@link ApiKey}: the codec's table, so that
 * {@code ApiKey} never imports the messages that import it back. The switches are exhaustive, so a
 * new key does not compile until it has both classes. Stateless and thread-safe.
 */
final class MessageTypes {

    private MessageTypes() {
    }

    static Class<? extends ApiRequest> request(ApiKey key) {
        return switch (key) {
            case PRODUCE -> ProduceRequest.class;
            case FETCH -> FetchRequest.class;
            case LIST_OFFSETS -> ListOffsetsRequest.class;
            case METADATA -> MetadataRequest.class;
            case OFFSET_COMMIT -> OffsetCommitRequest.class;
            case OFFSET_FETCH -> OffsetFetchRequest.class;
            case FIND_COORDINATOR -> FindCoordinatorRequest.class;
            case JOIN_GROUP -> JoinGroupRequest.class;
            case HEARTBEAT -> HeartbeatRequest.class;
            case LEAVE_GROUP -> LeaveGroupRequest.class;
            case SYNC_GROUP -> SyncGroupRequest.class;
            case DESCRIBE_GROUPS -> DescribeGroupsRequest.class;
            case LIST_GROUPS -> ListGroupsRequest.class;
            case API_VERSIONS -> ApiVersionsRequest.class;
            case CREATE_TOPICS -> CreateTopicsRequest.class;
            case DELETE_TOPICS -> DeleteTopicsRequest.class;
            case OFFSETS_FOR_LEADER_EPOCH -> OffsetsForLeaderEpochRequest.class;
            case CREATE_PARTITIONS -> CreatePartitionsRequest.class;
            case INIT_PRODUCER_ID -> InitProducerIdRequest.class;
            case DELETE_GROUPS -> DeleteGroupsRequest.class;
            case ELECT_LEADERS -> ElectLeadersRequest.class;
            case DESCRIBE_CLUSTER -> DescribeClusterRequest.class;
            case DESCRIBE_ACLS -> DescribeAclsRequest.class;
            case CREATE_ACLS -> CreateAclsRequest.class;
            case DELETE_ACLS -> DeleteAclsRequest.class;
            case DESCRIBE_CONFIGS -> DescribeConfigsRequest.class;
            case INCREMENTAL_ALTER_CONFIGS -> IncrementalAlterConfigsRequest.class;
            case ALTER_USER_SCRAM_CREDENTIALS -> AlterUserScramCredentialsRequest.class;
            case DESCRIBE_USER_SCRAM_CREDENTIALS -> DescribeUserScramCredentialsRequest.class;
            case SASL_AUTHENTICATE -> SaslAuthenticateRequest.class;
            case SASL_HANDSHAKE -> SaslHandshakeRequest.class;
            case DESCRIBE_REPLICA_CHECKSUMS -> DescribeReplicaChecksumsRequest.class;
            case ALTER_PARTITION_REASSIGNMENTS -> AlterPartitionReassignmentsRequest.class;
            case LIST_PARTITION_REASSIGNMENTS -> ListPartitionReassignmentsRequest.class;
        };
    }

    static Class<? extends ApiResponse> response(ApiKey key) {
        return switch (key) {
            case PRODUCE -> ProduceResponse.class;
            case FETCH -> FetchResponse.class;
            case LIST_OFFSETS -> ListOffsetsResponse.class;
            case METADATA -> MetadataResponse.class;
            case OFFSET_COMMIT -> OffsetCommitResponse.class;
            case OFFSET_FETCH -> OffsetFetchResponse.class;
            case FIND_COORDINATOR -> FindCoordinatorResponse.class;
            case JOIN_GROUP -> JoinGroupResponse.class;
            case HEARTBEAT -> HeartbeatResponse.class;
            case LEAVE_GROUP -> LeaveGroupResponse.class;
            case SYNC_GROUP -> SyncGroupResponse.class;
            case DESCRIBE_GROUPS -> DescribeGroupsResponse.class;
            case LIST_GROUPS -> ListGroupsResponse.class;
            case API_VERSIONS -> ApiVersionsResponse.class;
            case CREATE_TOPICS -> CreateTopicsResponse.class;
            case DELETE_TOPICS -> DeleteTopicsResponse.class;
            case OFFSETS_FOR_LEADER_EPOCH -> OffsetsForLeaderEpochResponse.class;
            case CREATE_PARTITIONS -> CreatePartitionsResponse.class;
            case INIT_PRODUCER_ID -> InitProducerIdResponse.class;
            case DELETE_GROUPS -> DeleteGroupsResponse.class;
            case ELECT_LEADERS -> ElectLeadersResponse.class;
            case DESCRIBE_CLUSTER -> DescribeClusterResponse.class;
            case DESCRIBE_ACLS -> DescribeAclsResponse.class;
            case CREATE_ACLS -> CreateAclsResponse.class;
            case DELETE_ACLS -> DeleteAclsResponse.class;
            case DESCRIBE_CONFIGS -> DescribeConfigsResponse.class;
            case INCREMENTAL_ALTER_CONFIGS -> IncrementalAlterConfigsResponse.class;
            case ALTER_USER_SCRAM_CREDENTIALS -> AlterUserScramCredentialsResponse.class;
            case DESCRIBE_USER_SCRAM_CREDENTIALS -> DescribeUserScramCredentialsResponse.class;
            case SASL_AUTHENTICATE -> SaslAuthenticateResponse.class;
            case SASL_HANDSHAKE -> SaslHandshakeResponse.class;
            case DESCRIBE_REPLICA_CHECKSUMS -> DescribeReplicaChecksumsResponse.class;
            case ALTER_PARTITION_REASSIGNMENTS -> AlterPartitionReassignmentsResponse.class;
            case LIST_PARTITION_REASSIGNMENTS -> ListPartitionReassignmentsResponse.class;
        };
    }
}
