package io.ferrymq.broker.server;

import static io.ferrymq.common.acl.AclOperation.ALTER;
import static io.ferrymq.common.acl.AclOperation.ALTER_CONFIGS;
import static io.ferrymq.common.acl.AclOperation.CLUSTER_ACTION;
import static io.ferrymq.common.acl.AclOperation.CREATE;
import static io.ferrymq.common.acl.AclOperation.DELETE;
import static io.ferrymq.common.acl.AclOperation.DESCRIBE;
import static io.ferrymq.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static io.ferrymq.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static io.ferrymq.common.acl.AclOperation.READ;
import static io.ferrymq.common.acl.AclOperation.WRITE;

import io.ferrymq.broker.server.Requirement.AnyOf;
import io.ferrymq.broker.server.Requirement.Either;
import io.ferrymq.broker.server.Requirement.On;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.acl.AclOperation;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.HeartbeatRequest;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.requests.LeaveGroupRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.requests.OffsetsForLeaderEpochRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * What each API needs, as Kafka's request handlers ask it: the one table of Ferry's authorization.
 * The switch has no default, so a new API key does not compile until it is classified here.
 *
 * <ul>
 *   <li>Produce: WRITE on each topic. Fetch by a consumer: READ on each topic; by a replica
 *       ({@code replicaId >= 0}), and OffsetsForLeaderEpoch by a replica: CLUSTER_ACTION on the
 *       cluster, which only broker principals should hold. ListOffsets, Metadata: DESCRIBE on each
 *       topic (Metadata for all topics lists only those; auto-creation also needs CREATE).</li>
 *   <li>JoinGroup, SyncGroup, Heartbeat, LeaveGroup: READ on the group; OffsetCommit: READ on the
 *       group and each topic; OffsetFetch, FindCoordinator, DescribeGroups: DESCRIBE on the group (and
 *       each topic); DeleteGroups: DELETE on each group; ListGroups, DescribeCluster,
 *       DescribeReplicaChecksums: DESCRIBE on the cluster.</li>
 *   <li>CreateTopics: CREATE on the cluster or on each topic; DeleteTopics: DELETE; CreatePartitions:
 *       ALTER on each topic. InitProducerId: IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
 *       DescribeAcls, DescribeUserScramCredentials: DESCRIBE on the cluster; CreateAcls, DeleteAcls,
 *       AlterUserScramCredentials, ElectLeaders, AlterPartitionReassignments: ALTER on the cluster
 *       (ListPartitionReassignments: DESCRIBE on it). DescribeConfigs: DESCRIBE_CONFIGS on each
 *       topic described (a denied topic is answered alone), and on the cluster when a broker is;
 *       IncrementalAlterConfigs (and AlterConfigs): ALTER_CONFIGS likewise. ApiVersions, SaslHandshake,
 *       SaslAuthenticate: nothing (they come before a principal exists).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class AccessRules {

    private AccessRules() {
    }

    static List<Requirement> of(ApiRequest request) {
        return switch (request.apiKey()) {
            case API_VERSIONS, SASL_HANDSHAKE, SASL_AUTHENTICATE -> List.of();
            case PRODUCE -> topics(WRITE, ((ProduceRequest) request).partitions(), p -> p.topicPartition().topic());
            case FETCH -> fetch((FetchRequest) request);
            case LIST_OFFSETS -> topics(DESCRIBE, ((ListOffsetsRequest) request).partitions(),
                    p -> p.topicPartition().topic());
            case OFFSETS_FOR_LEADER_EPOCH -> offsetsForLeaderEpoch((OffsetsForLeaderEpochRequest) request);
            case METADATA -> topics(DESCRIBE, ((MetadataRequest) request).topics(), Function.identity());
            case OFFSET_COMMIT -> withGroup(READ, ((OffsetCommitRequest) request).groupId(), topics(READ,
                    ((OffsetCommitRequest) request).partitions(), p -> p.topicPartition().topic()));
            case OFFSET_FETCH -> offsetFetch((OffsetFetchRequest) request);
            case FIND_COORDINATOR -> groups(DESCRIBE, ((FindCoordinatorRequest) request).keys());
            case JOIN_GROUP -> List.of(On.group(READ, ((JoinGroupRequest) request).groupId()));
            case SYNC_GROUP -> List.of(On.group(READ, ((SyncGroupRequest) request).groupId()));
            case HEARTBEAT -> List.of(On.group(READ, ((HeartbeatRequest) request).groupId()));
            case LEAVE_GROUP -> List.of(On.group(READ, ((LeaveGroupRequest) request).groupId()));
            case DESCRIBE_GROUPS -> groups(DESCRIBE, ((DescribeGroupsRequest) request).groupIds());
            case DELETE_GROUPS -> groups(DELETE, ((DeleteGroupsRequest) request).groupIds());
            case LIST_GROUPS, DESCRIBE_CLUSTER, DESCRIBE_ACLS, DESCRIBE_USER_SCRAM_CREDENTIALS, DESCRIBE_REPLICA_CHECKSUMS,
                 LIST_PARTITION_REASSIGNMENTS ->
                    List.of(On.cluster(DESCRIBE));
            case CREATE_ACLS, DELETE_ACLS, ALTER_USER_SCRAM_CREDENTIALS, ELECT_LEADERS, ALTER_PARTITION_REASSIGNMENTS ->
                    List.of(On.cluster(ALTER));
            case CREATE_TOPICS -> ((CreateTopicsRequest) request).topics().stream().distinct()
                    .map(t -> (Requirement) new Either(On.cluster(CREATE), On.topic(CREATE, t.name()),
                            ErrorCode.TOPIC_AUTHORIZATION_FAILED)).toList();
            case DELETE_TOPICS -> topics(DELETE, ((DeleteTopicsRequest) request).topics(), Function.identity());
            case CREATE_PARTITIONS -> topics(ALTER, ((CreatePartitionsRequest) request).topics(),
                    CreatePartitionsRequest.TopicSpec::name);
            case DESCRIBE_CONFIGS -> describeConfigs((DescribeConfigsRequest) request);
            case INCREMENTAL_ALTER_CONFIGS -> alterConfigs((IncrementalAlterConfigsRequest) request);
            case INIT_PRODUCER_ID -> List.of(new Either(On.cluster(IDEMPOTENT_WRITE),
                    new AnyOf(WRITE, ResourceType.TOPIC), ErrorCode.CLUSTER_AUTHORIZATION_FAILED));
        };
    }

    /** Whether a denied topic drops only that topic (Kafka's per-partition answer) instead of the request. */
    static boolean isSplitByTopic(ApiRequest request) {
        return switch (request.apiKey()) {
            case PRODUCE, METADATA, LIST_OFFSETS, OFFSET_COMMIT, DESCRIBE_CONFIGS, INCREMENTAL_ALTER_CONFIGS -> true;
            case FETCH -> !isReplica(((FetchRequest) request).replicaId());
            default -> false;
        };
    }

    private static List<Requirement> offsetFetch(OffsetFetchRequest request) {
        List<Requirement> all = new ArrayList<>(groups(DESCRIBE,
                request.groups().stream().map(OffsetFetchRequest.GroupQuery::groupId).toList()));
        all.addAll(topics(DESCRIBE, request.groups().stream().flatMap(g -> g.partitions().stream()).toList(),
                TopicPartition::topic));
        return all;
    }

    private static List<Requirement> describeConfigs(DescribeConfigsRequest request) {
        return request.resources().stream()
                .map(r -> r.type() == DescribeConfigsRequest.Resource.TOPIC ? On.topic(DESCRIBE_CONFIGS, r.name())
                        : On.cluster(DESCRIBE_CONFIGS))
                .distinct().map(Requirement.class::cast).toList();
    }

    private static List<Requirement> alterConfigs(IncrementalAlterConfigsRequest request) {
        return request.resources().stream()
                .map(r -> r.type() == IncrementalAlterConfigsRequest.Resource.TOPIC ? On.topic(ALTER_CONFIGS, r.name())
                        : On.cluster(ALTER_CONFIGS))
                .distinct().map(Requirement.class::cast).toList();
    }

    private static List<Requirement> fetch(FetchRequest request) {
        return isReplica(request.replicaId()) ? List.of(On.cluster(CLUSTER_ACTION))
                : topics(READ, request.partitions(), p -> p.topicPartition().topic());
    }

    private static List<Requirement> offsetsForLeaderEpoch(OffsetsForLeaderEpochRequest request) {
        return isReplica(request.replicaId()) ? List.of(On.cluster(CLUSTER_ACTION))
                : topics(DESCRIBE, request.partitions(), p -> p.topicPartition().topic());
    }

    private static boolean isReplica(int replicaId) {
        return replicaId >= 0;
    }

    private static <T> List<Requirement> topics(AclOperation operation, Collection<T> items, Function<T, String> topic) {
        return items.stream().map(topic).distinct().map(t -> (Requirement) On.topic(operation, t)).toList();
    }

    private static List<Requirement> groups(AclOperation operation, Collection<String> groups) {
        return groups.stream().distinct().map(g -> (Requirement) On.group(operation, g)).toList();
    }

    private static List<Requirement> withGroup(AclOperation operation, String group, List<Requirement> topics) {
        List<Requirement> all = new ArrayList<>();
        all.add(On.group(operation, group));
        all.addAll(topics);
        return all;
    }
}
