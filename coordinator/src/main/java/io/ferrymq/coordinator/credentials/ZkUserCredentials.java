package io.ferrymq.coordinator.credentials;

import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Reads and writes users' SCRAM credentials in ZooKeeper ({@link ZkPaths#user}, format in
 * {@link UserConfigZnode}) directly, without a cache: what the broker's AlterUserScramCredentials
 * handler and {@code ferry users --zookeeper} use. A write is read-modify-write fenced by the
 * znode's version (or its absence), retried a bounded number of times when another writer wins;
 * a user left with an empty config loses its znode. Thread-safe (Curator is).
 */
public final class ZkUserCredentials {

    private static final int MAX_ATTEMPTS = 10;

    private final CuratorFramework curator;

    public ZkUserCredentials(CuratorFramework curator) {
        this.curator = curator;
    }

    /** Every user with a znode, sorted, with its credentials (an unreadable znode fails naming its path). */
    public Map<String, Map<ScramMechanism, ScramCredential>> describeAll() {
        Map<String, Map<ScramMechanism, ScramCredential>> out = new TreeMap<>();
        for (String user : users()) {
            read(user).ifPresent(config -> out.put(user, UserConfigZnode.credentials(ZkPaths.user(user), config)));
        }
        return out;
    }

    /** {@code user}'s credentials, empty when it has none. */
    public Map<ScramMechanism, ScramCredential> describe(String user) {
        return read(user).map(config -> UserConfigZnode.credentials(ZkPaths.user(user), config)).orElse(Map.of());
    }

    /** Applies {@code deletions} then {@code upserts} to {@code user}'s credentials, atomically. */
    public void alter(String user, Map<ScramMechanism, ScramCredential> upserts, Set<ScramMechanism> deletions) {
        String path = ZkPaths.user(user);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            Optional<Map<String, String>> current = readWithStat(path, stat);
            Map<String, String> next = UserConfigZnode.alter(user, current.orElse(Map.of()), upserts, deletions);
            if (tryWrite(path, current.isPresent() ? stat.getVersion() : -1, next)) {
                return;
            }
        }
        throw new CoordinatorException("altering the credentials of " + path + ": lost the race "
                + MAX_ATTEMPTS + " times to other writers");
    }

    /** False when another writer changed the znode since it was read at {@code version} (-1: absent). */
    private boolean tryWrite(String path, int version, Map<String, String> config) {
        try {
            if (version < 0) {
                if (!config.isEmpty()) {
                    curator.create().creatingParentsIfNeeded().forPath(path, UserConfigZnode.encode(config));
                }
            } else if (config.isEmpty()) {
                curator.delete().withVersion(version).forPath(path);
            } else {
                curator.setData().withVersion(version).forPath(path, UserConfigZnode.encode(config));
            }
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException
                 | KeeperException.NoNodeException raced) {
            return false;
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + path, e);
        }
    }

    private List<String> users() {
        try {
            return curator.getChildren().forPath(ZkPaths.CONFIG_USERS);
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + ZkPaths.CONFIG_USERS, e);
        }
    }

    private Optional<Map<String, String>> read(String user) {
        return readWithStat(ZkPaths.user(user), new Stat());
    }

    private Optional<Map<String, String>> readWithStat(String path, Stat stat) {
        byte[] data;
        try {
            data = curator.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException none) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
        return Optional.of(UserConfigZnode.parse(path, data));
    }
}
