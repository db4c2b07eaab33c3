package io.ferrymq.common.protocol;

import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.ElectLeadersRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.ferrymq.common.protocol.responses.SaslHandshakeResponse;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.responses.SaslAuthenticateResponse;
import io.ferrymq.common.protocol.requests.DescribeUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
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
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import io.ferrymq.common.protocol.responses.HeartbeatResponse;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
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
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.ApiVersionsRequest;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
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
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One non-trivial instance of every request and response, with non-default values in every field. */
public final class MessageSamples {

    public static final TopicPartition TP0 = new TopicPartition("orders", 0);
    public static final TopicPartition TP1 = new TopicPartition("payments-ü", 7);

    private static final AclBindingData ACL = new AclBindingData((byte) 2, "orders", (byte) 3, "User:alice", "*",
            (byte) 3, (byte) 3);
    private static final AclFilterData ACL_FILTER = new AclFilterData((byte) 2, null, (byte) 1, "User:ü", null,
            (byte) 1, (byte) 1);

    private MessageSamples() {
    }

    public static RecordSource bytes(String text) {
        return RecordSource.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static Map<ApiKey, ApiRequest> requests() {
        return Map.ofEntries(
                Map.entry(ApiKey.PRODUCE, new ProduceRequest((short) -1, 30_000, List.of(
                        new ProduceRequest.PartitionData(TP0, bytes("batch-bytes-for-p0")),
                        new ProduceRequest.PartitionData(TP1, RecordSource.EMPTY),
                        new ProduceRequest.PartitionData(new TopicPartition("orders", 3), bytes("p3"))))),
                Map.entry(ApiKey.FETCH, new FetchRequest(2, 500, 1, 52_428_800, List.of(
                        new FetchRequest.PartitionData(TP0, 1234567890123L, 5, 1_048_576),
                        new FetchRequest.PartitionData(TP1, 0L, -1, 65_536)), 1_234_567, 42,
                        List.of(new TopicPartition("orders", 9)))),
                Map.entry(ApiKey.LIST_OFFSETS, new ListOffsetsRequest(-1, List.of(
                        new ListOffsetsRequest.PartitionData(TP0, ListOffsetsRequest.EARLIEST_TIMESTAMP, 3),
                        new ListOffsetsRequest.PartitionData(TP1, 1_700_000_000_000L, -1)))),
                Map.entry(ApiKey.METADATA, MetadataRequest.forTopics(List.of("orders", "payments-ü"), true)),
                Map.entry(ApiKey.OFFSETS_FOR_LEADER_EPOCH, new OffsetsForLeaderEpochRequest(3, List.of(
                        new OffsetsForLeaderEpochRequest.PartitionData(TP0, 9, 7)))),
                Map.entry(ApiKey.CREATE_TOPICS, new CreateTopicsRequest(List.of(
                        new CreateTopicsRequest.TopicSpec("orders", 6, (short) 3,
                                Map.of("retention.ms", "86400000", "min.insync.replicas", "2")),
                        new CreateTopicsRequest.TopicSpec("defaults", -1, (short) -1, Map.of()),
                        CreateTopicsRequest.TopicSpec.withAssignment("pinned",
                                Map.of(0, List.of(2, 0, 1), 1, List.of(0, 1, 2)), Map.of("retention.ms", "1000"))),
                        10_000, true)),
                Map.entry(ApiKey.DELETE_TOPICS, new DeleteTopicsRequest(List.of("a", "b"), 5_000)),
                Map.entry(ApiKey.CREATE_PARTITIONS, new CreatePartitionsRequest(List.of(
                        new CreatePartitionsRequest.TopicSpec("orders", 12)), 5_000, false)),
                Map.entry(ApiKey.ELECT_LEADERS, new ElectLeadersRequest(io.ferrymq.common.ElectionType.PREFERRED.value(), false,
                        List.of(new TopicPartition("orders", 1)), 5_000)),
                Map.entry(ApiKey.ALTER_PARTITION_REASSIGNMENTS,
                        new io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest(List.of(
                                new io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest.PartitionTarget(
                                        TP0, java.util.Optional.of(List.of(3, 2))),
                                new io.ferrymq.common.protocol.requests.AlterPartitionReassignmentsRequest.PartitionTarget(
                                        TP1, java.util.Optional.empty())), 30_000)),
                Map.entry(ApiKey.LIST_PARTITION_REASSIGNMENTS,
                        new io.ferrymq.common.protocol.requests.ListPartitionReassignmentsRequest(false, List.of(TP0))),
                Map.entry(ApiKey.DESCRIBE_CLUSTER, new DescribeClusterRequest()),
                Map.entry(ApiKey.DESCRIBE_REPLICA_CHECKSUMS, new DescribeReplicaChecksumsRequest(List.of(
                        new DescribeReplicaChecksumsRequest.PartitionQuery(TP0, 120L),
                        new DescribeReplicaChecksumsRequest.PartitionQuery(TP1,
                                DescribeReplicaChecksumsRequest.OWN_HIGH_WATERMARK)))),
                Map.entry(ApiKey.API_VERSIONS, new ApiVersionsRequest("ferry-java", "0.1.0")),
                Map.entry(ApiKey.FIND_COORDINATOR, FindCoordinatorRequest.forGroup("billing")),
                Map.entry(ApiKey.JOIN_GROUP, new JoinGroupRequest("billing", 10_000, 300_000, "", "consumer", List.of(
                        new JoinGroupRequest.Protocol("range", new byte[] {1, 2, 3}),
                        new JoinGroupRequest.Protocol("roundrobin", new byte[0])), false)),
                Map.entry(ApiKey.SYNC_GROUP, new SyncGroupRequest("billing", 4, "m-1", "consumer", "range", List.of(
                        new SyncGroupRequest.Assignment("m-1", new byte[] {9, 8}),
                        new SyncGroupRequest.Assignment("m-2", new byte[] {7})))),
                Map.entry(ApiKey.HEARTBEAT, new HeartbeatRequest("billing", 4, "m-1")),
                Map.entry(ApiKey.LEAVE_GROUP, new LeaveGroupRequest("billing", List.of("m-1", "m-2"))),
                Map.entry(ApiKey.OFFSET_COMMIT, new OffsetCommitRequest("billing", 4, "m-1", List.of(
                        new OffsetCommitRequest.PartitionData(TP0, 42L, 3, "host-a"),
                        new OffsetCommitRequest.PartitionData(TP1, 0L, -1, "")))),
                Map.entry(ApiKey.OFFSET_FETCH, new OffsetFetchRequest(List.of(
                        new OffsetFetchRequest.GroupQuery("billing", List.of(TP0, TP1), false),
                        new OffsetFetchRequest.GroupQuery("audit", List.of(), true)))),
                Map.entry(ApiKey.LIST_GROUPS, new ListGroupsRequest(List.of("Stable"))),
                Map.entry(ApiKey.DESCRIBE_GROUPS, new DescribeGroupsRequest(List.of("billing", "audit"))),
                Map.entry(ApiKey.DELETE_GROUPS, new DeleteGroupsRequest(List.of("old"))),
                Map.entry(ApiKey.CREATE_ACLS, new CreateAclsRequest(List.of(ACL))),
                Map.entry(ApiKey.DESCRIBE_ACLS, new DescribeAclsRequest(ACL_FILTER)),
                Map.entry(ApiKey.INCREMENTAL_ALTER_CONFIGS, new IncrementalAlterConfigsRequest(List.of(
                        new IncrementalAlterConfigsRequest.Resource(IncrementalAlterConfigsRequest.Resource.TOPIC,
                                "orders", false, List.of(
                                        new IncrementalAlterConfigsRequest.Operation("compression.type",
                                                IncrementalAlterConfigsRequest.Operation.SET, "gzip"),
                                        new IncrementalAlterConfigsRequest.Operation("min.insync.replicas",
                                                IncrementalAlterConfigsRequest.Operation.DELETE, null))),
                        new IncrementalAlterConfigsRequest.Resource(IncrementalAlterConfigsRequest.Resource.BROKER,
                                "1", true, List.of())), true)),
                Map.entry(ApiKey.DESCRIBE_CONFIGS, new DescribeConfigsRequest(List.of(
                        new DescribeConfigsRequest.Resource(DescribeConfigsRequest.Resource.TOPIC, "orders",
                                List.of("min.insync.replicas", "compression.type")),
                        new DescribeConfigsRequest.Resource(DescribeConfigsRequest.Resource.BROKER, "1", List.of())),
                        true, true)),
                Map.entry(ApiKey.DELETE_ACLS, new DeleteAclsRequest(List.of(ACL_FILTER, ACL_FILTER))),
                Map.entry(ApiKey.INIT_PRODUCER_ID, new InitProducerIdRequest("txn-ü", 60_000, 4_000_000_001L, (short) 7)),
                Map.entry(ApiKey.SASL_HANDSHAKE, new SaslHandshakeRequest("SCRAM-SHA-256")),
                Map.entry(ApiKey.SASL_AUTHENTICATE, new SaslAuthenticateRequest("n,,n=user,r=abc".getBytes(StandardCharsets.UTF_8))),
                Map.entry(ApiKey.DESCRIBE_USER_SCRAM_CREDENTIALS, new DescribeUserScramCredentialsRequest(List.of("alice", "bøb"))),
                Map.entry(ApiKey.ALTER_USER_SCRAM_CREDENTIALS, new AlterUserScramCredentialsRequest(
                        List.of(new AlterUserScramCredentialsRequest.Deletion("old", "SCRAM-SHA-512")),
                        List.of(new AlterUserScramCredentialsRequest.Upsertion("alice", "SCRAM-SHA-256", 8192,
                                new byte[] {1, 2, 3}, new byte[] {4, 5, 6, 7})))));
    }

    public static Map<ApiKey, ApiResponse> responses() {
        BrokerNode b1 = new BrokerNode(1, "127.0.0.1", 9092, Optional.of("rack-a"));
        BrokerNode b2 = new BrokerNode(2, "broker-2.local", 9093);
        return Map.ofEntries(
                Map.entry(ApiKey.PRODUCE, new ProduceResponse(List.of(
                        new ProduceResponse.PartitionResponse(TP0, ErrorCode.NONE, null, 100L, -1L, 0L),
                        ProduceResponse.PartitionResponse.error(TP1, ErrorCode.CORRUPT_MESSAGE, "CRC mismatch in batch at 0")))),
                Map.entry(ApiKey.FETCH, new FetchResponse(ErrorCode.NONE, List.of(
                        new FetchResponse.PartitionData(TP0, ErrorCode.NONE, 500L, 10L, 4, bytes("stored-batches")),
                        FetchResponse.PartitionData.error(TP1, ErrorCode.NOT_LEADER_OR_FOLLOWER),
                        new FetchResponse.PartitionData(new TopicPartition("x", 1), ErrorCode.NONE, 1L, 0L, 0, bytes("z"))),
                        1_234_567)),
                Map.entry(ApiKey.LIST_OFFSETS, new ListOffsetsResponse(List.of(
                        new ListOffsetsResponse.PartitionResponse(TP0, ErrorCode.NONE, -1L, 77L, 3)))),
                Map.entry(ApiKey.METADATA, new MetadataResponse(List.of(b1, b2), "cluster-1", List.of(
                        new MetadataResponse.TopicMetadata(ErrorCode.NONE, "orders", List.of(
                                new MetadataResponse.PartitionMetadata(ErrorCode.NONE, 0, 1, 5, List.of(1, 2, 3),
                                        List.of(1, 2), List.of(3)),
                                new MetadataResponse.PartitionMetadata(ErrorCode.LEADER_NOT_AVAILABLE, 1, -1, 2,
                                        List.of(2), List.of(), List.of(2)))),
                        new MetadataResponse.TopicMetadata(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "nope", List.of())))),
                Map.entry(ApiKey.OFFSETS_FOR_LEADER_EPOCH, new OffsetsForLeaderEpochResponse(List.of(
                        new OffsetsForLeaderEpochResponse.PartitionResponse(TP0, ErrorCode.NONE, 6, 1234L),
                        new OffsetsForLeaderEpochResponse.PartitionResponse(TP1, ErrorCode.FENCED_LEADER_EPOCH, -1, -1L)))),
                Map.entry(ApiKey.CREATE_TOPICS, new CreateTopicsResponse(List.of(
                        new CreateTopicsResponse.TopicResult("orders", ErrorCode.NONE, "", 6, (short) 3),
                        new CreateTopicsResponse.TopicResult("dup", ErrorCode.TOPIC_ALREADY_EXISTS, "Topic 'dup' exists", -1, (short) -1)))),
                Map.entry(ApiKey.DELETE_TOPICS, new DeleteTopicsResponse(List.of(
                        new DeleteTopicsResponse.TopicResult("a", ErrorCode.NONE, "")))),
                Map.entry(ApiKey.CREATE_PARTITIONS, new CreatePartitionsResponse(List.of(
                        new CreatePartitionsResponse.TopicResult("orders", ErrorCode.INVALID_PARTITIONS, "12 <= 12")))),
                Map.entry(ApiKey.ELECT_LEADERS, new ElectLeadersResponse(ErrorCode.NONE, List.of(
                        new ElectLeadersResponse.PartitionResult(new TopicPartition("orders", 1),
                                ErrorCode.ELECTION_NOT_NEEDED, "broker 1 leads")))),
                Map.entry(ApiKey.ALTER_PARTITION_REASSIGNMENTS,
                        new io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse(ErrorCode.NONE, "", List.of(
                                new io.ferrymq.common.protocol.responses.AlterPartitionReassignmentsResponse.PartitionResult(
                                        TP1, ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, "none")))),
                Map.entry(ApiKey.LIST_PARTITION_REASSIGNMENTS,
                        new io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse(ErrorCode.NONE, "", List.of(
                                new io.ferrymq.common.protocol.responses.ListPartitionReassignmentsResponse.OngoingReassignment(
                                        TP0, List.of(3, 2, 1), List.of(3), List.of(1))))),
                Map.entry(ApiKey.DESCRIBE_CLUSTER, new DescribeClusterResponse(ErrorCode.NONE, "", "cluster-1", List.of(b1, b2),
                        Map.of(2, List.of("/data/d2")))),
                Map.entry(ApiKey.DESCRIBE_REPLICA_CHECKSUMS, new DescribeReplicaChecksumsResponse(List.of(
                        new DescribeReplicaChecksumsResponse.PartitionChecksum(TP0, ErrorCode.NONE, "", true, 3, 120L, 125L,
                                0L, 120L, 0xcafe_f00dL),
                        DescribeReplicaChecksumsResponse.PartitionChecksum.failed(TP1, ErrorCode.NOT_LEADER_OR_FOLLOWER,
                                "no replica here")))),
                Map.entry(ApiKey.API_VERSIONS, ApiVersionsResponse.ofThisBuild()),
                Map.entry(ApiKey.FIND_COORDINATOR, new FindCoordinatorResponse(List.of(
                        new FindCoordinatorResponse.Coordinator("billing", ErrorCode.NONE, "", Optional.of(b2)),
                        new FindCoordinatorResponse.Coordinator("audit", ErrorCode.COORDINATOR_NOT_AVAILABLE, "none live",
                                Optional.empty())))),
                Map.entry(ApiKey.JOIN_GROUP, new JoinGroupResponse(ErrorCode.NONE, 4, "consumer", "range", "m-1", "m-1",
                        List.of(new JoinGroupResponse.Member("m-1", "c-1", "/127.0.0.1", new byte[] {1}),
                                new JoinGroupResponse.Member("m-2", "c-2", "/127.0.0.2", new byte[] {2, 2})))),
                Map.entry(ApiKey.SYNC_GROUP, new SyncGroupResponse(ErrorCode.NONE, "consumer", "range", new byte[] {5, 6, 7})),
                Map.entry(ApiKey.HEARTBEAT, new HeartbeatResponse(ErrorCode.REBALANCE_IN_PROGRESS)),
                Map.entry(ApiKey.LEAVE_GROUP, new LeaveGroupResponse(ErrorCode.NONE, List.of(
                        new LeaveGroupResponse.MemberResult("m-1", ErrorCode.NONE),
                        new LeaveGroupResponse.MemberResult("m-2", ErrorCode.UNKNOWN_MEMBER_ID)))),
                Map.entry(ApiKey.OFFSET_COMMIT, new OffsetCommitResponse(List.of(
                        new OffsetCommitResponse.PartitionResponse(TP0, ErrorCode.ILLEGAL_GENERATION)))),
                Map.entry(ApiKey.OFFSET_FETCH, new OffsetFetchResponse(List.of(
                        new OffsetFetchResponse.GroupOffsets("billing", ErrorCode.NONE, List.of(
                                new OffsetFetchResponse.PartitionResponse(TP0, ErrorCode.NONE, 42L, 3, "host-a"),
                                new OffsetFetchResponse.PartitionResponse(TP1, ErrorCode.NONE,
                                        OffsetFetchResponse.NO_OFFSET, -1, ""))),
                        new OffsetFetchResponse.GroupOffsets("audit", ErrorCode.NOT_COORDINATOR, List.of())))),
                Map.entry(ApiKey.LIST_GROUPS, new ListGroupsResponse(ErrorCode.NONE, List.of(
                        new ListGroupsResponse.GroupListing("billing", "consumer", "Stable")))),
                Map.entry(ApiKey.DESCRIBE_GROUPS, new DescribeGroupsResponse(List.of(
                        new DescribeGroupsResponse.DescribedGroup(ErrorCode.NONE, "billing", "Stable", "consumer", "range",
                                List.of(new DescribeGroupsResponse.Member("m-1", "c-1", "/127.0.0.1", new byte[] {1},
                                        new byte[] {4, 4})))))),
                Map.entry(ApiKey.DELETE_GROUPS, new DeleteGroupsResponse(List.of(
                        new DeleteGroupsResponse.GroupResult("old", ErrorCode.NON_EMPTY_GROUP)))),
                Map.entry(ApiKey.CREATE_ACLS, new CreateAclsResponse(List.of(
                        new CreateAclsResponse.Result(ErrorCode.NONE, ""),
                        new CreateAclsResponse.Result(ErrorCode.INVALID_REQUEST, "unknown ACL operation code 0")))),
                Map.entry(ApiKey.DESCRIBE_ACLS, new DescribeAclsResponse(ErrorCode.NONE, "", List.of(ACL))),
                Map.entry(ApiKey.INCREMENTAL_ALTER_CONFIGS, new IncrementalAlterConfigsResponse(List.of(
                        new IncrementalAlterConfigsResponse.ResourceResult(IncrementalAlterConfigsRequest.Resource.TOPIC,
                                "orders", ErrorCode.NONE, ""),
                        new IncrementalAlterConfigsResponse.ResourceResult(IncrementalAlterConfigsRequest.Resource.TOPIC,
                                "gone", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no topic gone")))),
                Map.entry(ApiKey.DESCRIBE_CONFIGS, new DescribeConfigsResponse(List.of(
                        new DescribeConfigsResponse.ResourceResult(DescribeConfigsRequest.Resource.TOPIC, "orders",
                                ErrorCode.NONE, "", List.of(new DescribeConfigsResponse.ConfigEntry("min.insync.replicas",
                                        "2", DescribeConfigsResponse.ConfigEntry.SOURCE_TOPIC, false, false, List.of(
                                                new DescribeConfigsResponse.Synonym("min.insync.replicas", "2",
                                                        DescribeConfigsResponse.ConfigEntry.SOURCE_TOPIC),
                                                new DescribeConfigsResponse.Synonym("min.insync.replicas", "1",
                                                        DescribeConfigsResponse.ConfigEntry.SOURCE_DEFAULT)),
                                        "Smallest ISR for acks=all", DescribeConfigsResponse.ConfigEntry.TYPE_INT),
                                        new DescribeConfigsResponse.ConfigEntry("ssl.keystore.password", null,
                                                DescribeConfigsResponse.ConfigEntry.SOURCE_STATIC_BROKER, true, true,
                                                List.of(), null, DescribeConfigsResponse.ConfigEntry.TYPE_PASSWORD))),
                        new DescribeConfigsResponse.ResourceResult(DescribeConfigsRequest.Resource.TOPIC, "gone",
                                ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no topic gone", List.of())))),
                Map.entry(ApiKey.DELETE_ACLS, new DeleteAclsResponse(List.of(
                        new DeleteAclsResponse.FilterResult(ErrorCode.NONE, "", List.of(ACL)),
                        new DeleteAclsResponse.FilterResult(ErrorCode.SECURITY_DISABLED, "no authorizer", List.of())))),
                Map.entry(ApiKey.INIT_PRODUCER_ID, new InitProducerIdResponse(ErrorCode.NONE, "", 4_000_000_001L, (short) 8)),
                Map.entry(ApiKey.SASL_HANDSHAKE, new SaslHandshakeResponse(ErrorCode.UNSUPPORTED_SASL_MECHANISM,
                        List.of("PLAIN", "SCRAM-SHA-512"))),
                Map.entry(ApiKey.SASL_AUTHENTICATE, new SaslAuthenticateResponse(ErrorCode.NONE, "",
                        "r=abcdef,s=AAAA,i=4096".getBytes(StandardCharsets.UTF_8), 0L)),
                Map.entry(ApiKey.DESCRIBE_USER_SCRAM_CREDENTIALS, new DescribeUserScramCredentialsResponse(ErrorCode.NONE, "",
                        List.of(new DescribeUserScramCredentialsResponse.UserResult("alice", ErrorCode.NONE, "", List.of(
                                        new DescribeUserScramCredentialsResponse.CredentialInfo("SCRAM-SHA-256", 4096))),
                                new DescribeUserScramCredentialsResponse.UserResult("bøb", ErrorCode.RESOURCE_NOT_FOUND,
                                        "no credentials", List.of())))),
                Map.entry(ApiKey.ALTER_USER_SCRAM_CREDENTIALS, new AlterUserScramCredentialsResponse(List.of(
                        new AlterUserScramCredentialsResponse.UserResult("alice", ErrorCode.UNACCEPTABLE_CREDENTIAL,
                                "iterations 10 below 4096")))));
    }
}
