package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ConnectionPool;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.client.network.NetworkClient;
import io.ferrymq.client.network.NetworkConfig;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DeleteGroupsRequest;
import io.ferrymq.common.protocol.requests.DescribeGroupsRequest;
import io.ferrymq.common.protocol.requests.ListGroupsRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.OffsetFetchRequest;
import io.ferrymq.common.protocol.responses.DeleteGroupsResponse;
import io.ferrymq.common.protocol.responses.DescribeGroupsResponse;
import io.ferrymq.common.protocol.responses.ListGroupsResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.OffsetFetchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Administration of consumer groups for tools: list (every broker is asked for the groups it
 * coordinates), describe (state, members, per-partition committed offset, log end offset, lag),
 * reset offsets (an OffsetCommit with no generation, which the coordinator accepts only while the
 * group has no members), delete. Owns its network client.
 *
 * <p>Thread-safe for sequential use by one thread at a time (tools).
 */
public final class GroupAdmin implements AutoCloseable {

    private final List<BrokerAddress> bootstrap;
    private final NetworkClient network;
    private final ConnectionPool pool;
    private final GroupMemberConfig settings;
    private final CoordinatorConnection coordinator;
    private final Duration timeout;

    public GroupAdmin(List<BrokerAddress> bootstrap, String groupId, Duration timeout) {
        this(bootstrap, groupId, timeout, ClientSecurity.PLAINTEXT);
    }

    /** An admin whose connections are secured as {@code security} says. */
    public GroupAdmin(List<BrokerAddress> bootstrap, String groupId, Duration timeout, ClientSecurity security) {
        this.bootstrap = List.copyOf(bootstrap);
        this.timeout = timeout;
        this.network = new NetworkClient(NetworkConfig.defaults("ferry-groups").withRequestTimeout(timeout)
                .withSecurity(security));
        this.pool = new ConnectionPool(network);
        this.settings = new GroupMemberConfig(groupId.isEmpty() ? "-" : groupId, "ferry-groups", bootstrap, 10_000,
                10_000, 3_000, 100, (int) timeout.toMillis(), List.of(new RangeAssignor()), false, 5_000);
        this.coordinator = new CoordinatorConnection(settings, pool);
    }

    /** The broker coordinating the group now. */
    public BrokerNode coordinator() {
        return coordinator.ensureCoordinator(deadline());
    }

    /** Every group of the cluster (asks each live broker), sorted by id. */
    public List<ListGroupsResponse.GroupListing> listGroups() {
        Map<String, ListGroupsResponse.GroupListing> all = new TreeMap<>();
        for (BrokerNode node : metadata(List.of()).brokers()) {
            ListGroupsResponse response = send(new BrokerAddress(node.host(), node.port()),
                    new ListGroupsRequest(List.of()), ListGroupsResponse.class);
            if (response.error() != ErrorCode.NONE) {
                throw response.error().exception("listing groups on broker " + node.id());
            }
            response.groups().forEach(g -> all.put(g.groupId(), g));
        }
        return List.copyOf(all.values());
    }

    public GroupDetails describe() {
        DescribeGroupsResponse.DescribedGroup group = coordinator.send(new DescribeGroupsRequest(List.of(settings.groupId())),
                DescribeGroupsResponse.class, deadline()).groups().get(0);
        if (group.error() != ErrorCode.NONE) {
            throw group.error().exception("describing group " + settings.groupId());
        }
        Map<TopicPartition, Long> committed = committedOffsets();
        Map<TopicPartition, Long> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, ListOffsetsRequest.LATEST_TIMESTAMP));
        GroupDetails.of(group, Map.of(), Map.of()).partitions()
                .forEach(p -> latest.put(p.partition(), ListOffsetsRequest.LATEST_TIMESTAMP));
        return GroupDetails.of(group, committed, listOffsets(latest));
    }

    /** Committed offset per partition of the group. */
    public Map<TopicPartition, Long> committedOffsets() {
        OffsetFetchResponse.GroupOffsets response = coordinator.send(
                OffsetFetchRequest.forAllPartitions(settings.groupId()), OffsetFetchResponse.class, deadline())
                .group(settings.groupId());
        if (response.error() != ErrorCode.NONE) {
            throw response.error().exception("fetching offsets of group " + settings.groupId());
        }
        Map<TopicPartition, Long> result = new TreeMap<>();
        response.partitions().stream().filter(p -> p.offset() >= 0).forEach(p -> result.put(p.topicPartition(), p.offset()));
        return result;
    }

    /** Sets the group's offsets; refused with NON_EMPTY_GROUP while the group has members. */
    public void resetOffsets(Map<TopicPartition, Long> offsets) {
        List<OffsetCommitRequest.PartitionData> partitions = new ArrayList<>();
        offsets.forEach((tp, offset) -> partitions.add(new OffsetCommitRequest.PartitionData(tp, offset, -1, "")));
        OffsetCommitResponse response = coordinator.send(new OffsetCommitRequest(settings.groupId(),
                OffsetCommitRequest.NO_GENERATION, "", partitions), OffsetCommitResponse.class, deadline());
        for (OffsetCommitResponse.PartitionResponse p : response.partitions()) {
            if (p.error() == ErrorCode.NON_EMPTY_GROUP) {
                throw p.error().exception("group " + settings.groupId()
                        + " has active members; stop them before resetting its offsets");
            }
            if (p.error() != ErrorCode.NONE) {
                throw p.error().exception("resetting " + p.topicPartition() + " of group " + settings.groupId());
            }
        }
    }

    public void deleteGroup() {
        DeleteGroupsResponse response = coordinator.send(new DeleteGroupsRequest(List.of(settings.groupId())),
                DeleteGroupsResponse.class, deadline());
        ErrorCode error = response.groups().get(0).error();
        if (error == ErrorCode.NON_EMPTY_GROUP) {
            throw error.exception("group " + settings.groupId() + " has active members; stop them before deleting it");
        }
        if (error != ErrorCode.NONE) {
            throw error.exception("deleting group " + settings.groupId());
        }
    }

    /** Partition numbers of a topic; throws UNKNOWN_TOPIC_OR_PARTITION naming it. */
    public List<TopicPartition> partitionsOf(String topic) {
        MetadataResponse.TopicMetadata metadata = metadata(List.of(topic)).topics().stream()
                .filter(t -> t.name().equals(topic)).findFirst()
                .orElseThrow(() -> ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic " + topic + " does not exist"));
        if (metadata.error() != ErrorCode.NONE) {
            throw metadata.error().exception("topic " + topic);
        }
        return metadata.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).sorted().toList();
    }

    /** Offsets for timestamps per partition (-2 earliest, -1 latest), asked of each partition's leader. */
    public Map<TopicPartition, Long> listOffsets(Map<TopicPartition, Long> timestamps) {
        Map<TopicPartition, Long> result = new TreeMap<>();
        if (timestamps.isEmpty()) {
            return result;
        }
        MetadataResponse metadata = metadata(timestamps.keySet().stream().map(TopicPartition::topic).distinct().toList());
        Map<Integer, BrokerNode> brokers = new HashMap<>();
        metadata.brokers().forEach(b -> brokers.put(b.id(), b));
        Map<Integer, List<ListOffsetsRequest.PartitionData>> byLeader = new HashMap<>();
        for (MetadataResponse.TopicMetadata topic : metadata.topics()) {
            for (MetadataResponse.PartitionMetadata p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                if (timestamps.containsKey(tp)) {
                    byLeader.computeIfAbsent(p.leaderId(), id -> new ArrayList<>())
                            .add(new ListOffsetsRequest.PartitionData(tp, timestamps.get(tp), -1));
                }
            }
        }
        byLeader.forEach((leader, partitions) -> {
            BrokerNode node = brokers.get(leader);
            if (node == null) {
                return;
            }
            send(new BrokerAddress(node.host(), node.port()), new ListOffsetsRequest(-1, partitions), ListOffsetsResponse.class)
                    .partitions().stream().filter(p -> p.error() == ErrorCode.NONE && p.offset() >= 0)
                    .forEach(p -> result.put(p.topicPartition(), p.offset()));
        });
        return result;
    }

    private MetadataResponse metadata(List<String> topics) {
        ApiRequest request = topics.isEmpty() ? MetadataRequest.forAllTopics() : MetadataRequest.forTopics(topics, false);
        RuntimeException last = null;
        for (BrokerAddress address : bootstrap) {
            try {
                return send(address, request, MetadataResponse.class);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private <R extends ApiResponse> R send(BrokerAddress address, ApiRequest request, Class<R> type) {
        return type.cast(CoordinatorConnection.await(pool.connection(address).thenCompose(c -> c.send(request, timeout)),
                deadline()));
    }

    private long deadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout.toMillis());
    }

    @Override
    public void close() {
        pool.close();
        network.close();
    }
}
