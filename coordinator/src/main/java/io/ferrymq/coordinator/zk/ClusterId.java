package io.ferrymq.coordinator.zk;

import io.ferrymq.common.json.Json;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.zookeeper.KeeperException;

/**
 * The cluster id, kept in the persistent znode {@link ZkPaths#CLUSTER_ID} as
 * {@code {"version":1,"id":"<22 characters>"}} (a random UUID in URL-safe base64, as Kafka's).
 * The first broker to start creates it; every later reader gets the same id. Stateless and
 * thread-safe.
 */
public final class ClusterId {

    private ClusterId() {
    }

    /** Reads the cluster id, creating it first if no broker has yet. */
    public static String getOrCreate(ZkClient zk) {
        try {
            zk.curator().create().creatingParentsIfNeeded().forPath(ZkPaths.CLUSTER_ID, Json.bytes(json(newId())));
        } catch (KeeperException.NodeExistsException created) {
            // another broker (or an earlier start) created it: read it below
        } catch (Exception e) {
            throw CoordinatorException.wrap("creating " + ZkPaths.CLUSTER_ID, e);
        }
        try {
            byte[] data = zk.curator().getData().forPath(ZkPaths.CLUSTER_ID);
            return Json.parseObject(ZkPaths.CLUSTER_ID, data).requireString("id");
        } catch (IllegalArgumentException e) {
            throw new CoordinatorException(ZkPaths.CLUSTER_ID + " is unreadable: " + e.getMessage(), e);
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + ZkPaths.CLUSTER_ID, e);
        }
    }

    private static String newId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static Map<String, Object> json(String id) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("id", id);
        return json;
    }
}
