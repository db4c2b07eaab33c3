package io.ferrymq.coordinator.metadata;

import io.ferrymq.coordinator.registry.ZkBrokerRegistry;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletion protocol of {@link MetadataStore}: mark {@code /admin/delete_topics/<t>}, collect
 * acknowledgements {@code /admin/delete_topics/<t>/<brokerId>}, and once every assigned broker has
 * acknowledged or is unregistered remove {@code /topics/<t>} (with its partitions and latches)
 * and then the mark. Completion may run on several brokers at once; losers see NoNode and stop.
 * Thread-safe.
 */
final class TopicDeletion {

    private static final Logger log = LoggerFactory.getLogger(TopicDeletion.class);

    private final CuratorFramework curator;

    TopicDeletion(CuratorFramework curator) {
        this.curator = curator;
    }

    void mark(String topic) {
        try {
            curator.create().forPath(ZkPaths.deleteTopic(topic));
            log.info("Topic {} marked for deletion", topic);
        } catch (KeeperException.NodeExistsException alreadyMarked) {
            log.info("Topic {} is already marked for deletion", topic);
        } catch (Exception e) {
            throw CoordinatorException.wrap("marking " + topic + " for deletion", e);
        }
    }

    void acknowledge(String topic, int brokerId) {
        try {
            curator.create().forPath(ZkPaths.deletionAck(topic, brokerId));
        } catch (KeeperException.NodeExistsException alreadyAcknowledged) {
            log.debug("Broker {} had already acknowledged deletion of {}", brokerId, topic);
        } catch (KeeperException.NoNodeException deletionDone) {
            return;
        } catch (Exception e) {
            throw CoordinatorException.wrap("acknowledging deletion of " + topic, e);
        }
        maybeComplete(topic);
    }

    List<String> pending() {
        try {
            return curator.getChildren().forPath(ZkPaths.DELETE_TOPICS);
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + ZkPaths.DELETE_TOPICS, e);
        }
    }

    /** Removes the topic's znodes when no live assigned broker still owes an acknowledgement. */
    void maybeComplete(String topic) {
        try {
            Set<Integer> assigned = assignedBrokers(topic);
            Set<Integer> acknowledged = new HashSet<>();
            for (String child : curator.getChildren().forPath(ZkPaths.deleteTopic(topic))) {
                acknowledged.add(Integer.parseInt(child));
            }
            Set<Integer> live = ZkBrokerRegistry.readLiveBrokers(curator).keySet();
            Set<Integer> waitingFor = new HashSet<>(assigned);
            waitingFor.removeIf(b -> acknowledged.contains(b) || !live.contains(b));
            if (!waitingFor.isEmpty()) {
                log.debug("Deletion of {} waits for brokers {}", topic, waitingFor);
                return;
            }
            deleteTree(ZkPaths.topic(topic));
            deleteTree(ZkPaths.deleteTopic(topic));
            log.info("Topic {} deleted", topic);
        } catch (KeeperException.NoNodeException completedElsewhere) {
            log.debug("Deletion of {} completed elsewhere", topic);
        } catch (Exception e) {
            throw CoordinatorException.wrap("completing deletion of " + topic, e);
        }
    }

    private void deleteTree(String path) throws Exception {
        try {
            curator.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            log.debug("{} already deleted", path);
        }
    }

    private Set<Integer> assignedBrokers(String topic) throws Exception {
        Set<Integer> brokers = new HashSet<>();
        try {
            String path = ZkPaths.topic(topic);
            TopicMetadata metadata = TopicCodec.fromJson(topic, Json.parseObject(path, curator.getData().forPath(path)));
            metadata.assignment().values().forEach(brokers::addAll);
        } catch (KeeperException.NoNodeException topicGone) {
            log.debug("Topic {} znodes already gone", topic);
        }
        return brokers;
    }
}
