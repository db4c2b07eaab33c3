package io.ferrymq.coordinator.registry;

import io.ferrymq.common.json.Json;
import io.ferrymq.common.json.JsonObject;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's log-dir event notifications: a broker whose log dir fails creates a persistent sequential
 * node {@code /log_dir_event_notification/log_dir_event_<seq>} holding
 * {@code {"version":1,"broker":<id>,"event":1}} (event 1 is Kafka's {@code LogDirFailure}), and at
 * start-up deletes the notifications it left in earlier runs. Other brokers learn of the offline
 * replicas from the registration ({@link OfflineStorage}); the notifications are the record an
 * operator (or a Kafka tool) finds in ZooKeeper.
 *
 * <p>Stateless; thread-safe as Curator is. Calls are synchronous: never call them on ZooKeeper's
 * event thread.
 */
public final class LogDirEventNotifications {

    /** Kafka's {@code LogDirEventNotificationHandler.LogDirFailureEvent}. */
    public static final int LOG_DIR_FAILURE_EVENT = 1;

    private static final Logger log = LoggerFactory.getLogger(LogDirEventNotifications.class);

    private final CuratorFramework curator;

    public LogDirEventNotifications(CuratorFramework curator) {
        this.curator = curator;
    }

    /** The JSON of a failure notification of {@code brokerId}. */
    static byte[] failureEvent(int brokerId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("broker", brokerId);
        json.put("event", LOG_DIR_FAILURE_EVENT);
        return Json.bytes(json);
    }

    /** Records that a log dir of {@code brokerId} failed; returns the created node's path. */
    public String recordFailure(int brokerId) {
        try {
            return curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(ZkPaths.LOG_DIR_EVENT_PREFIX, failureEvent(brokerId));
        } catch (Exception e) {
            throw CoordinatorException.wrap("recording a log dir failure of broker " + brokerId, e);
        }
    }

    /** The notifications {@code brokerId} left, as paths (unreadable ones are skipped with a warning). */
    public List<String> notificationsOf(int brokerId) {
        List<String> own = new ArrayList<>();
        try {
            if (curator.checkExists().forPath(ZkPaths.LOG_DIR_EVENT_NOTIFICATION) == null) {
                return own;
            }
            for (String child : curator.getChildren().forPath(ZkPaths.LOG_DIR_EVENT_NOTIFICATION)) {
                String path = ZkPaths.LOG_DIR_EVENT_NOTIFICATION + "/" + child;
                if (isOf(path, brokerId)) {
                    own.add(path);
                }
            }
        } catch (Exception e) {
            throw CoordinatorException.wrap("listing " + ZkPaths.LOG_DIR_EVENT_NOTIFICATION, e);
        }
        return own;
    }

    private boolean isOf(String path, int brokerId) throws Exception {
        try {
            JsonObject json = Json.parseObject(path, curator.getData().forPath(path));
            return json.requireInt("broker") == brokerId;
        } catch (KeeperException.NoNodeException gone) {
            return false;
        } catch (IllegalArgumentException unreadable) {
            log.warn("Ignoring unreadable log dir event {}: {}", path, unreadable.getMessage());
            return false;
        }
    }

    /** Deletes the notifications {@code brokerId} left in earlier runs; returns how many. */
    public int removeOwn(int brokerId) {
        int removed = 0;
        for (String path : notificationsOf(brokerId)) {
            try {
                curator.delete().forPath(path);
                removed++;
            } catch (KeeperException.NoNodeException gone) {
                continue;
            } catch (Exception e) {
                throw CoordinatorException.wrap("deleting " + path, e);
            }
        }
        if (removed > 0) {
            log.info("Deleted {} log dir event notifications of broker {} from earlier runs", removed, brokerId);
        }
        return removed;
    }
}
