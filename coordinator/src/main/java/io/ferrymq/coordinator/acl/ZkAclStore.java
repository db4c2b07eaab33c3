package io.ferrymq.coordinator.acl;

import io.ferrymq.common.acl.AccessControlEntry;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.acl.ResourcePattern;
import io.ferrymq.common.acl.ResourceType;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * ACL bindings in ZooKeeper under Kafka's layout ({@link AclZnodes}), one node per resource pattern.
 * Every write is a compare-and-set on the node read: {@code setData}/{@code delete} with the version
 * read, or {@code create} when it was absent; a lost race re-reads and tries again, at most
 * {@link #MAX_ATTEMPTS} times, so two brokers adding ACLs to one resource at once both land. A node
 * whose last entry goes is deleted. Reads come from an {@link AclCache} that every broker keeps.
 *
 * <p>Thread-safe (Curator is; the cache is).
 */
public final class ZkAclStore implements AclStore {

    static final int MAX_ATTEMPTS = 100;

    private final CuratorFramework curator;
    private final AclCache cache;
    private final long loadTimeoutMs;

    /** {@code curator} must be namespaced to the chroot, as {@code ZkClient.curator()} is. */
    public ZkAclStore(CuratorFramework curator, long loadTimeoutMs) {
        this.curator = curator;
        this.cache = new AclCache(curator);
        this.loadTimeoutMs = loadTimeoutMs;
    }

    @Override
    public void start() {
        cache.start(loadTimeoutMs);
    }

    @Override
    public Set<AclBinding> bindings() {
        return cache.bindings();
    }

    @Override
    public void add(Collection<AclBinding> bindings) {
        Map<ResourcePattern, List<AccessControlEntry>> byPattern = new LinkedHashMap<>();
        bindings.forEach(b -> byPattern.computeIfAbsent(b.pattern(), p -> new ArrayList<>()).add(b.entry()));
        byPattern.forEach((pattern, entries) -> update(pattern, current -> {
            Set<AccessControlEntry> next = new LinkedHashSet<>(current);
            next.addAll(entries);
            return next;
        }));
    }

    @Override
    public List<AclBinding> remove(AclBindingFilter filter) {
        List<AclBinding> removed = new ArrayList<>();
        for (ResourcePattern pattern : storedPatterns().stream().filter(filter::matchesPattern).toList()) {
            List<AclBinding> removedHere = new ArrayList<>();
            update(pattern, current -> {
                removedHere.clear();
                Set<AccessControlEntry> next = new LinkedHashSet<>();
                for (AccessControlEntry entry : current) {
                    AclBinding binding = new AclBinding(pattern, entry);
                    if (filter.matches(binding)) {
                        removedHere.add(binding);
                    } else {
                        next.add(entry);
                    }
                }
                return next;
            });
            removed.addAll(removedHere);
        }
        return removed;
    }

    @Override
    public void addListener(Consumer<Set<AclBinding>> listener) {
        cache.addListener(listener);
    }

    @Override
    public void close() {
        cache.close();
    }

    /** Applies {@code change} to the node's entries with a compare-and-set, retrying lost races. */
    private void update(ResourcePattern pattern, Function<Set<AccessControlEntry>, Set<AccessControlEntry>> change) {
        String path = AclZnodes.path(pattern);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Stat stat = new Stat();
            Optional<Set<AccessControlEntry>> current = read(path, stat);
            Set<AccessControlEntry> next = change.apply(current.orElse(Set.of()));
            if (next.equals(current.orElse(Set.of()))) {
                return;
            }
            if (tryWrite(path, current.isPresent() ? Optional.of(stat.getVersion()) : Optional.empty(), next)) {
                return;
            }
        }
        throw new CoordinatorException("lost the race for " + path + " " + MAX_ATTEMPTS + " times in a row");
    }

    private Optional<Set<AccessControlEntry>> read(String path, Stat stat) {
        try {
            return Optional.of(AclZnodes.fromJson(path, curator.getData().storingStatIn(stat).forPath(path)));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException(path + " is unreadable: " + e.getMessage(), e);
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    /** Whether the write landed over exactly {@code version} (empty: the node was absent). */
    private boolean tryWrite(String path, Optional<Integer> version, Set<AccessControlEntry> entries) {
        try {
            if (version.isEmpty()) {
                curator.create().creatingParentsIfNeeded().forPath(path, AclZnodes.toJson(entries));
            } else if (entries.isEmpty()) {
                curator.delete().withVersion(version.get()).forPath(path);
            } else {
                curator.setData().withVersion(version.get()).forPath(path, AclZnodes.toJson(entries));
            }
            return true;
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                 | KeeperException.NoNodeException e) {
            return false;
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + path, e);
        }
    }

    /** Every resource pattern with a node, read from ZooKeeper itself (the cache may lag another broker's write). */
    private List<ResourcePattern> storedPatterns() {
        List<ResourcePattern> patterns = new ArrayList<>();
        for (String root : List.of(ZkPaths.LITERAL_ACLS, ZkPaths.PREFIXED_ACLS)) {
            for (ResourceType type : ResourceType.values()) {
                if (type != ResourceType.ANY) {
                    String folder = root + "/" + type.zkName();
                    children(folder).forEach(name -> AclZnodes.patternOf(root, folder + "/" + name)
                            .ifPresent(patterns::add));
                }
            }
        }
        return patterns;
    }

    private List<String> children(String folder) {
        try {
            return curator.getChildren().forPath(folder);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + folder, e);
        }
    }
}
