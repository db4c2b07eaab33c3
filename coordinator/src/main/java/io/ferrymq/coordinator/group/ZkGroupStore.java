package io.ferrymq.coordinator.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GroupStore} in ZooKeeper, laid out as documented in {@link GroupPaths}. An offset commit
 * is one {@code transaction()}: {@code check(group node, expected version)} followed by a
 * {@code setData} or {@code create} per partition, so it is all-or-nothing and fenced.
 *
 * <p>Thread-safe: Curator is, and the only local state is a cache of offset nodes known to exist
 * (a wrong guess only costs one retry of the transaction).
 */
public final class ZkGroupStore implements GroupStore {

    private static final Logger log = LoggerFactory.getLogger(ZkGroupStore.class);
    private static final int MAX_ATTEMPTS = 5;

    private final CuratorFramework curator;
    private final Set<String> knownOffsetNodes = ConcurrentHashMap.newKeySet();

    /** @param curator a client namespaced to the chroot ({@link io.ferrymq.coordinator.zk.ZkClient#curator()}) */
    public ZkGroupStore(CuratorFramework curator) {
        this.curator = curator;
    }

    @Override
    public Optional<Versioned<GroupRecord>> load(String groupId) {
        String path = GroupPaths.group(groupId);
        try {
            Stat stat = new Stat();
            byte[] data = curator.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Versioned<>(GroupRecord.fromJson(Json.parseObject(path, data)), stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    @Override
    public Versioned<GroupRecord> claim(String groupId, int brokerId) {
        String path = GroupPaths.group(groupId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Versioned<GroupRecord>> current = load(groupId);
            try {
                if (current.isEmpty()) {
                    GroupRecord record = GroupRecord.initial(brokerId);
                    curator.create().creatingParentContainersIfNeeded().forPath(path, Json.bytes(record.toJson()));
                    return new Versioned<>(record, 0);
                }
                GroupRecord record = current.get().value().claimedBy(brokerId);
                Stat stat = curator.setData().withVersion(current.get().version())
                        .forPath(path, Json.bytes(record.toJson()));
                return new Versioned<>(record, stat.getVersion());
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                     | KeeperException.NoNodeException e) {
                log.debug("Claim of group {} raced with another write (attempt {}): {}", groupId, attempt, e.toString());
            } catch (Exception e) {
                throw CoordinatorException.wrap("claiming " + path, e);
            }
        }
        throw new CoordinatorException("could not claim " + path + ": " + MAX_ATTEMPTS + " writes lost races");
    }

    @Override
    public int writeGeneration(String groupId, GroupRecord record, int expectedVersion) {
        String path = GroupPaths.group(groupId);
        try {
            return curator.setData().withVersion(expectedVersion).forPath(path, Json.bytes(record.toJson())).getVersion();
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw new GroupFencedException("group " + groupId + " changed since version " + expectedVersion
                    + " (" + e.code() + "): another coordinator owns it");
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + path, e);
        }
    }

    @Override
    public void commitOffsets(String groupId, int expectedVersion, Map<TopicPartition, CommittedOffset> offsets) {
        ensureTopicFolders(groupId, offsets);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                curator.transaction().forOperations(commitOps(groupId, expectedVersion, offsets));
                offsets.keySet().forEach(tp -> knownOffsetNodes.add(GroupPaths.offset(groupId, tp)));
                return;
            } catch (KeeperException e) {
                if (isFenced(e)) {
                    throw fenced(groupId, expectedVersion, e);
                }
                log.debug("Commit for group {} guessed offset nodes wrong (attempt {}): {}", groupId, attempt, e.toString());
                offsets.keySet().forEach(tp -> knownOffsetNodes.remove(GroupPaths.offset(groupId, tp)));
            } catch (Exception e) {
                throw CoordinatorException.wrap("committing offsets of group " + groupId, e);
            }
        }
        throw new CoordinatorException("could not commit offsets of group " + groupId + " in " + MAX_ATTEMPTS + " attempts");
    }

    private List<CuratorOp> commitOps(String groupId, int expectedVersion, Map<TopicPartition, CommittedOffset> offsets)
            throws Exception {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(curator.transactionOp().check().withVersion(expectedVersion).forPath(GroupPaths.group(groupId)));
        for (Map.Entry<TopicPartition, CommittedOffset> entry : new TreeMap<>(offsets).entrySet()) {
            String path = GroupPaths.offset(groupId, entry.getKey());
            byte[] data = Json.bytes(entry.getValue().toJson());
            boolean exists = knownOffsetNodes.contains(path) || curator.checkExists().forPath(path) != null;
            ops.add(exists ? curator.transactionOp().setData().forPath(path, data)
                    : curator.transactionOp().create().forPath(path, data));
        }
        return ops;
    }

    /** The first op of a commit is the group check; its failure (or a missing group) means fenced. */
    private static boolean isFenced(KeeperException e) {
        List<OpResult> results = e.getResults();
        if (results == null || results.isEmpty()) {
            return e.code() == KeeperException.Code.BADVERSION;
        }
        return results.get(0) instanceof OpResult.ErrorResult error && error.getErr() != 0;
    }

    private void ensureTopicFolders(String groupId, Map<TopicPartition, CommittedOffset> offsets) {
        List<String> folders = new ArrayList<>();
        folders.add(GroupPaths.offsets(groupId));
        offsets.keySet().stream().map(TopicPartition::topic).distinct()
                .forEach(topic -> folders.add(GroupPaths.topicOffsets(groupId, topic)));
        for (String folder : folders) {
            if (knownOffsetNodes.contains(folder)) {
                continue;
            }
            try {
                curator.create().forPath(folder);
            } catch (KeeperException.NodeExistsException e) {
                log.trace("{} exists", folder);
            } catch (KeeperException.NoNodeException e) {
                throw new GroupFencedException("group " + groupId + " does not exist (deleted?): cannot commit");
            } catch (Exception e) {
                throw CoordinatorException.wrap("creating " + folder, e);
            }
            knownOffsetNodes.add(folder);
        }
    }

    @Override
    public Map<TopicPartition, CommittedOffset> fetchOffsets(String groupId) {
        Map<TopicPartition, CommittedOffset> result = new TreeMap<>();
        for (String topic : children(GroupPaths.offsets(groupId))) {
            for (String partition : children(GroupPaths.topicOffsets(groupId, topic))) {
                readOffset(groupId, topic, partition).ifPresent(offset ->
                        result.put(new TopicPartition(topic, Integer.parseInt(partition)), offset));
            }
        }
        return result;
    }

    @Override
    public Set<TopicPartition> expireOffsets(String groupId, int expectedVersion,
                                             BiPredicate<TopicPartition, CommittedOffset> expired) {
        List<CuratorOp> ops = new ArrayList<>();
        Set<TopicPartition> deleted = new TreeSet<>();
        try {
            ops.add(curator.transactionOp().check().withVersion(expectedVersion).forPath(GroupPaths.group(groupId)));
            for (String topic : children(GroupPaths.offsets(groupId))) {
                for (String partition : children(GroupPaths.topicOffsets(groupId, topic))) {
                    if (partition.isEmpty() || !partition.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    TopicPartition tp = new TopicPartition(topic, Integer.parseInt(partition));
                    String path = GroupPaths.offset(groupId, tp);
                    Stat stat = new Stat();
                    CommittedOffset offset = CommittedOffset.fromJson(Json.parseObject(path,
                            curator.getData().storingStatIn(stat).forPath(path)));
                    if (expired.test(tp, offset)) {
                        ops.add(curator.transactionOp().delete().withVersion(stat.getVersion()).forPath(path));
                        deleted.add(tp);
                    }
                }
            }
            if (deleted.isEmpty()) {
                return Set.of();
            }
            curator.transaction().forOperations(ops);
            deleted.forEach(tp -> knownOffsetNodes.remove(GroupPaths.offset(groupId, tp)));
            return deleted;
        } catch (KeeperException e) {
            if (isFenced(e)) {
                throw fenced(groupId, expectedVersion, e);
            }
            log.debug("Expiring offsets of group {} raced a commit; looking again later: {}", groupId, e.toString());
            return Set.of();
        } catch (Exception e) {
            throw CoordinatorException.wrap("expiring offsets of group " + groupId, e);
        }
    }

    private Optional<CommittedOffset> readOffset(String groupId, String topic, String partition) {
        String path = GroupPaths.topicOffsets(groupId, topic) + "/" + partition;
        if (!partition.chars().allMatch(Character::isDigit) || partition.isEmpty()) {
            log.warn("Ignoring {}: not a partition number", path);
            return Optional.empty();
        }
        try {
            return Optional.of(CommittedOffset.fromJson(Json.parseObject(path, curator.getData().forPath(path))));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    @Override
    public List<String> listGroups() {
        return children(GroupPaths.GROUPS);
    }

    @Override
    public void deleteGroup(String groupId, int expectedVersion) {
        String path = GroupPaths.group(groupId);
        try {
            // Bump the version first so that no commit fenced by expectedVersion lands while offsets go.
            byte[] data = curator.getData().forPath(path);
            int version = curator.setData().withVersion(expectedVersion).forPath(path, data).getVersion();
            deleteOffsets(groupId);
            curator.delete().withVersion(version).forPath(path);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw fenced(groupId, expectedVersion, e);
        } catch (Exception e) {
            throw CoordinatorException.wrap("deleting " + path, e);
        } finally {
            knownOffsetNodes.removeIf(node -> node.startsWith(path + "/"));
        }
    }

    private void deleteOffsets(String groupId) throws Exception {
        try {
            curator.delete().deletingChildrenIfNeeded().forPath(GroupPaths.offsets(groupId));
        } catch (KeeperException.NoNodeException e) {
            log.trace("group {} had no offsets", groupId);
        }
    }

    private List<String> children(String path) {
        try {
            return curator.getChildren().forPath(path).stream().sorted().toList();
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + path, e);
        }
    }

    private static GroupFencedException fenced(String groupId, int expectedVersion, KeeperException e) {
        return new GroupFencedException("group " + groupId + " is no longer at version " + expectedVersion
                + " (" + e.code() + "): another coordinator took it over or it was deleted");
    }
}
