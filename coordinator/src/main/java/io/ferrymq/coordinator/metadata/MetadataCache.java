package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.cache.TreeCache;
import org.apache.curator.framework.recipes.cache.TreeCacheSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store's view of {@code /topics} and {@code /admin/delete_topics}: topics (complete
 * ones only), partition states with their znode versions and pending deletions, and the {@link TopicListener}s told about
 * changes on the {@code ferry-metadata-events} thread. {@code /admin/delete_topics} is a
 * {@link CuratorCache}; {@code /topics} is a Curator {@link TreeCache} whose selector
 * ({@link ZkPaths#isTopicMetadataPath}) never reads or watches a partition's latch node or its
 * participants: a recursive {@code CuratorCache} (which has no selector) would read and watch
 * three latch nodes per partition on every broker and hear every join and leave of every
 * election, two thirds of the nodes at 10,000 partitions. Each listed topic has an id ({@link TopicIdentity}) from
 * its {@code /topics/<topic>} znode's creation zxid; a topic and its id are published together
 * (the id first), so a reader that sees the topic also finds its id. Thread-safe.
 */
@SuppressWarnings("deprecation") // TreeCache: the one Curator cache with a selector (see above)
final class MetadataCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataCache.class);

    private final TreeCache topicsCache;
    private final CuratorCache deletionsCache;
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> new Thread(r, "ferry-metadata-events"));
    private final Map<String, TopicMetadata> topics = new ConcurrentHashMap<>();
    private final Map<String, UUID> idsByTopic = new ConcurrentHashMap<>();
    private final Map<UUID, String> topicsById = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Versioned<PartitionState>> states = new ConcurrentHashMap<>();
    private final Set<String> pendingDeletions = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<TopicListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch initialized = new CountDownLatch(2);

    MetadataCache(CuratorFramework curator) {
        this.topicsCache = TreeCache.newBuilder(curator, ZkPaths.TOPICS).setSelector(new TreeCacheSelector() {
            @Override
            public boolean traverseChildren(String fullPath) {
                return ZkPaths.isTopicMetadataPath(fullPath);
            }

            @Override
            public boolean acceptChild(String fullPath) {
                return ZkPaths.isTopicMetadataPath(fullPath);
            }
        }).setExecutor(events).build();
        this.deletionsCache = CuratorCache.build(curator, ZkPaths.DELETE_TOPICS);
    }

    void start(long timeoutMs) {
        topicsCache.getListenable().addListener((client, event) -> {
            switch (event.getType()) {
                case NODE_ADDED, NODE_UPDATED -> onTopicsNode(event.getData());
                case NODE_REMOVED -> onTopicsNodeDeleted(event.getData());
                case INITIALIZED -> initialized.countDown();
                default -> {
                    // connection events: the cache re-reads on its own after a reconnect
                }
            }
        });
        deletionsCache.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(this::onDeletionNode)
                .forDeletes(this::onDeletionNodeDeleted)
                .forInitialized(initialized::countDown)
                .build(), events);
        try {
            topicsCache.start();
        } catch (Exception e) {
            throw CoordinatorException.wrap("starting the topic metadata cache", e);
        }
        deletionsCache.start();
        try {
            if (!initialized.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new CoordinatorException("topic metadata cache not loaded within " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            throw CoordinatorException.wrap("loading the topic metadata cache", e);
        }
    }

    Map<String, TopicMetadata> topics() {
        return Map.copyOf(topics);
    }

    Optional<TopicMetadata> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    Optional<UUID> topicId(String name) {
        return Optional.ofNullable(idsByTopic.get(name));
    }

    Optional<String> topicName(UUID id) {
        return Optional.ofNullable(topicsById.get(id));
    }

    Optional<Versioned<PartitionState>> state(TopicPartition partition) {
        return Optional.ofNullable(states.get(partition));
    }

    Set<String> pendingDeletions() {
        return Set.copyOf(pendingDeletions);
    }

    void addListener(TopicListener listener) {
        listeners.add(listener);
    }

    private void onTopicsNode(ChildData data) {
        String path = data.getPath();
        try {
            Optional<String> topic = ZkPaths.topicOf(path);
            if (topic.isPresent()) {
                TopicMetadata metadata = TopicCodec.fromJson(topic.get(), Json.parseObject(path, data.getData()));
                if (metadata.partitionCount() > 0) {
                    publishId(topic.get(), TopicIdentity.of(topic.get(), data.getStat().getCzxid()));
                    if (!metadata.equals(topics.put(topic.get(), metadata))) {
                        listeners.forEach(l -> l.onTopicChanged(metadata));
                    }
                }
                return;
            }
            Optional<TopicPartition> partition = ZkPaths.partitionOfState(path);
            if (partition.isPresent()) {
                Versioned<PartitionState> state = new Versioned<>(PartitionState.fromJson(Json.parseObject(path, data.getData())),
                        data.getStat().getVersion());
                states.put(partition.get(), state);
                listeners.forEach(l -> l.onPartitionStateChanged(partition.get(), state));
            }
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring unreadable metadata node {}: {}", path, e.getMessage());
        }
    }

    private void onTopicsNodeDeleted(ChildData data) {
        ZkPaths.topicOf(data.getPath()).ifPresent(topic -> {
            states.keySet().removeIf(tp -> tp.topic().equals(topic));
            boolean removed = topics.remove(topic) != null;
            UUID id = idsByTopic.remove(topic);
            if (id != null) {
                topicsById.remove(id);
            }
            if (removed) {
                listeners.forEach(l -> l.onTopicDeleted(topic));
            }
        });
        ZkPaths.partitionOfState(data.getPath()).ifPresent(states::remove);
    }

    /** Records the topic's id; a recreated topic (new czxid) replaces its predecessor's id. */
    private void publishId(String topic, UUID id) {
        UUID previous = idsByTopic.put(topic, id);
        if (previous != null && !previous.equals(id)) {
            topicsById.remove(previous);
        }
        topicsById.put(id, topic);
    }

    private void onDeletionNode(ChildData data) {
        deletionTopic(data.getPath()).ifPresent(topic -> {
            if (pendingDeletions.add(topic)) {
                listeners.forEach(l -> l.onTopicDeletionRequested(topic));
            }
        });
    }

    private void onDeletionNodeDeleted(ChildData data) {
        deletionTopic(data.getPath()).ifPresent(pendingDeletions::remove);
    }

    /** The topic of {@code /admin/delete_topics/<topic>} (not of its acknowledgement children). */
    private static Optional<String> deletionTopic(String path) {
        String prefix = ZkPaths.DELETE_TOPICS + "/";
        if (!path.startsWith(prefix) || path.indexOf('/', prefix.length()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(path.substring(prefix.length()));
    }

    @Override
    public void close() {
        topicsCache.close();
        deletionsCache.close();
        events.shutdown();
        try {
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("ferry-metadata-events did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
