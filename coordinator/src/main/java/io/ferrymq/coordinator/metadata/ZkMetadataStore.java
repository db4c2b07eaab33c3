package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkClient;
import io.ferrymq.coordinator.zk.ZkPaths;
import io.ferrymq.common.assignment.BrokerPlacement;
import io.ferrymq.common.assignment.ReplicaAssigner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * {@link MetadataStore} on ZooKeeper (tree in {@link ZkPaths}). Creating a topic takes three steps,
 * so that no partition is ever visible without its znodes: create {@code /topics/<t>} with an empty
 * assignment and its {@code partitions} folder in one transaction (a concurrent creator fails here
 * with {@code TOPIC_ALREADY_EXISTS}); create every partition's znodes in bulk ({@link PartitionZnodes});
 * then write the assignment into {@code /topics/<t>} at the version created. The assignment is the
 * request's explicit one when given (every broker registered), else {@link ReplicaAssigner}'s over
 * the live brokers. Topics with an empty assignment are being created and are not listed. Adding
 * partitions creates the new znodes, then writes the grown assignment conditionally; reassignments
 * are conditional writes of the topic znode too ({@link TopicReassignments}). Deletion follows the
 * protocol in {@link MetadataStore}. Thread-safe.
 */
public final class ZkMetadataStore implements MetadataStore {

    private final ZkClient zk;
    private final CuratorFramework curator;
    private final RandomGenerator random;
    private final MetadataCache cache;
    private final PartitionZnodes partitionZnodes;
    private final TopicDeletion deletion;
    private final TopicZnode topicZnode;
    private final TopicReassignments reassignments;

    public ZkMetadataStore(ZkClient zk) {
        this(zk, new Random());
    }

    /** With a chosen source of the assignment start index (tests make it deterministic). */
    public ZkMetadataStore(ZkClient zk, RandomGenerator random) {
        this.zk = zk;
        this.curator = zk.curator();
        this.random = random;
        this.cache = new MetadataCache(curator);
        long timeoutMs = zk.config().connectionTimeout().toMillis();
        this.partitionZnodes = new PartitionZnodes(curator, timeoutMs);
        this.deletion = new TopicDeletion(curator);
        this.topicZnode = new TopicZnode(curator);
        this.reassignments = new TopicReassignments(topicZnode);
    }

    @Override
    public void start() {
        cache.start(zk.config().connectionTimeout().toMillis());
    }

    @Override
    public TopicMetadata createTopic(NewTopic request) {
        Map<Integer, BrokerInfo> live = ZkBrokerRegistry.readLiveBrokers(curator);
        checkNewTopic(request, live);
        String name = request.name();
        Map<Integer, List<Integer>> assignment = request.hasExplicitAssignment() ? request.assignment()
                : ReplicaAssigner.assign(placements(live), request.replicationFactor(), 0, request.partitions(),
                        random.nextInt(live.size()));
        try {
            curator.transaction().forOperations(
                    curator.transactionOp().create().forPath(ZkPaths.topic(name),
                            Json.bytes(TopicCodec.toJson(Map.of(), request.configs()))),
                    curator.transactionOp().create().forPath(ZkPaths.partitions(name)));
        } catch (KeeperException.NodeExistsException e) {
            throw ErrorCode.TOPIC_ALREADY_EXISTS.exception("topic '" + name + "' already exists");
        } catch (Exception e) {
            throw CoordinatorException.wrap("creating topic " + name, e);
        }
        if (!partitionZnodes.create(name, assignment)) {
            throw new CoordinatorException("partition znodes of new topic " + name + " already existed");
        }
        topicZnode.write(new TopicMetadata(name, assignment, request.configs()), 0);
        return new TopicMetadata(name, assignment, request.configs());
    }

    @Override
    public void validateNewTopic(NewTopic request) {
        checkNewTopic(request, ZkBrokerRegistry.readLiveBrokers(curator));
        if (exists(ZkPaths.topic(request.name()))) {
            throw ErrorCode.TOPIC_ALREADY_EXISTS.exception("topic '" + request.name() + "' already exists");
        }
    }

    /** What creation checks before writing: the request against the live brokers, and no pending deletion. */
    private void checkNewTopic(NewTopic request, Map<Integer, BrokerInfo> live) {
        TopicValidator.validateNewTopic(request, live.keySet());
        if (exists(ZkPaths.deleteTopic(request.name()))) {
            throw ErrorCode.TOPIC_ALREADY_EXISTS.exception("topic '" + request.name()
                    + "' is marked for deletion; retry once it is gone");
        }
    }

    @Override
    public TopicMetadata addPartitions(String topic, int totalPartitions) {
        Versioned<TopicMetadata> current = readTopic(topic);
        int count = current.value().partitionCount();
        if (totalPartitions <= count) {
            throw ErrorCode.INVALID_PARTITIONS.exception("topic '" + topic + "' has " + count
                    + " partitions; the new count " + totalPartitions + " must be larger");
        }
        refuseIfDeleting(topic);
        Map<Integer, BrokerInfo> live = ZkBrokerRegistry.readLiveBrokers(curator);
        int rf = current.value().replicationFactor();
        TopicValidator.validateReplicationFactor(rf, live.size());
        Map<Integer, List<Integer>> added = ReplicaAssigner.assign(placements(live), rf, count,
                totalPartitions - count, random.nextInt(live.size()));
        if (!partitionZnodes.create(topic, added)) {
            throw ErrorCode.INVALID_PARTITIONS.exception("partitions of '" + topic + "' were added concurrently; retry");
        }
        Map<Integer, List<Integer>> grown = new HashMap<>(current.value().assignment());
        grown.putAll(added);
        TopicMetadata written = new TopicMetadata(topic, grown, current.value().configs(),
                current.value().reassignments());
        topicZnode.write(written, current.version());
        return written;
    }

    @Override
    public TopicMetadata alterTopicConfigs(String topic, Map<String, String> configs) {
        Versioned<TopicMetadata> current = readTopic(topic);
        TopicValidator.validateConfigs(configs, current.value().replicationFactor());
        TopicMetadata written = new TopicMetadata(topic, current.value().assignment(), configs,
                current.value().reassignments());
        topicZnode.write(written, current.version());
        return written;
    }

    @Override
    public Map<TopicPartition, ReassignmentResult> alterPartitionReassignments(
            Map<TopicPartition, Optional<List<Integer>>> targets) {
        return reassignments.alter(targets, ZkBrokerRegistry.readLiveBrokers(curator).keySet());
    }

    @Override
    public boolean completeReassignment(TopicPartition partition, PartitionReassignment expected) {
        return reassignments.complete(partition, expected);
    }

    @Override
    public void deleteTopic(String topic) {
        readTopic(topic);
        deletion.mark(topic);
    }

    @Override
    public void acknowledgeDeletion(String topic, int brokerId) {
        deletion.acknowledge(topic, brokerId);
    }

    @Override
    public void maybeCompleteDeletions() {
        deletion.pending().forEach(deletion::maybeComplete);
    }

    @Override
    public Set<String> topicsPendingDeletion() {
        return cache.pendingDeletions();
    }

    @Override
    public Optional<TopicMetadata> topic(String name) {
        return cache.topic(name);
    }

    @Override
    public Optional<UUID> topicId(String name) {
        return cache.topicId(name);
    }

    @Override
    public Optional<String> topicName(UUID id) {
        return cache.topicName(id);
    }

    @Override
    public Map<String, TopicMetadata> topics() {
        return cache.topics();
    }

    @Override
    public Optional<Versioned<PartitionState>> partitionState(TopicPartition partition) {
        String path = ZkPaths.state(partition);
        Stat stat = new Stat();
        try {
            byte[] data = curator.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Versioned<>(PartitionState.fromJson(Json.parseObject(path, data)), stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    @Override
    public Optional<Versioned<PartitionState>> cachedPartitionState(TopicPartition partition) {
        return cache.state(partition);
    }

    @Override
    public Versioned<PartitionState> updatePartitionState(TopicPartition partition, PartitionState newState,
                                                          int expectedVersion) {
        String path = ZkPaths.state(partition);
        try {
            Stat stat = curator.setData().withVersion(expectedVersion).forPath(path, Json.bytes(newState.toJson()));
            return new Versioned<>(newState, stat.getVersion());
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw new PartitionStateConflictException(partition, "expected version " + expectedVersion
                    + " (" + e.code() + ")", partitionState(partition));
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + path, e);
        }
    }

    @Override
    public void addListener(TopicListener listener) {
        cache.addListener(listener);
    }

    @Override
    public void close() {
        cache.close();
    }

    private Versioned<TopicMetadata> readTopic(String topic) {
        return topicZnode.read(topic);
    }

    private void refuseIfDeleting(String topic) {
        if (exists(ZkPaths.deleteTopic(topic))) {
            throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic '" + topic + "' is being deleted");
        }
    }

    private boolean exists(String path) {
        try {
            return curator.checkExists().forPath(path) != null;
        } catch (Exception e) {
            throw CoordinatorException.wrap("checking " + path, e);
        }
    }

    private static List<BrokerPlacement> placements(Map<Integer, BrokerInfo> live) {
        return live.values().stream().map(b -> new BrokerPlacement(b.id(), b.rack())).toList();
    }
}
