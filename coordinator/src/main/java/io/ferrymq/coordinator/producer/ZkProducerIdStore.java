package io.ferrymq.coordinator.producer;

import io.ferrymq.coordinator.metadata.Versioned;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Claims producer id blocks in ZooKeeper: reads {@link ZkPaths#LATEST_PRODUCER_ID_BLOCK} with its
 * version, computes the next block ({@link ProducerIdBlocks#next}) and writes it only if the node is
 * unchanged: {@code setData} with the version read, or {@code create} when the node was absent. A
 * lost race (another broker claimed in between) re-reads and tries again, at most
 * {@link #MAX_ATTEMPTS} times; since every round has a winner, that bounds the brokers that may claim
 * at the same instant, not the cluster size. Thread-safe (Curator is).
 */
public final class ZkProducerIdStore implements ProducerIdStore {

    static final int MAX_ATTEMPTS = 100;
    private static final String PATH = ZkPaths.LATEST_PRODUCER_ID_BLOCK;

    private final CuratorFramework curator;

    /** {@code curator} must be namespaced to the chroot, as {@code ZkClient.curator()} is. */
    public ZkProducerIdStore(CuratorFramework curator) {
        this.curator = curator;
    }

    @Override
    public ProducerIdBlock claimNextBlock(int brokerId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Versioned<ProducerIdBlock>> latest = readLatest();
            ProducerIdBlock next = ProducerIdBlocks.next(latest.map(Versioned::value), brokerId);
            if (tryWrite(next, latest.map(Versioned::version))) {
                return next;
            }
        }
        throw new CoordinatorException("broker " + brokerId + " lost the race for " + PATH + " " + MAX_ATTEMPTS
                + " times in a row");
    }

    private Optional<Versioned<ProducerIdBlock>> readLatest() {
        try {
            Stat stat = new Stat();
            byte[] data = curator.getData().storingStatIn(stat).forPath(PATH);
            return Optional.of(new Versioned<>(ProducerIdBlocks.parse(data), stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException(PATH + " is unreadable: " + e.getMessage(), e);
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + PATH, e);
        }
    }

    /** Whether {@code block} was written over exactly the version read; false when another claim came first. */
    private boolean tryWrite(ProducerIdBlock block, Optional<Integer> expectedVersion) {
        byte[] data = ProducerIdBlocks.toJson(block);
        try {
            if (expectedVersion.isEmpty()) {
                curator.create().creatingParentsIfNeeded().forPath(PATH, data);
            } else {
                curator.setData().withVersion(expectedVersion.get()).forPath(PATH, data);
            }
            return true;
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                 | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + PATH, e);
        }
    }
}
