package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Reads {@code /topics/<topic>} with its version and writes it back only at that version, so every
 * change to a topic's assignment, configs or reassignments is a compare-and-set. Stateless apart
 * from the client; thread-safe.
 */
final class TopicZnode {

    private final CuratorFramework curator;

    TopicZnode(CuratorFramework curator) {
        this.curator = curator;
    }

    /**
     * The complete topic and its znode version.
     *
     * @throws io.ferrymq.common.errors.ApiException {@code UNKNOWN_TOPIC_OR_PARTITION} when it does
     *         not exist or is still being created
     */
    Versioned<TopicMetadata> read(String topic) {
        TopicValidator.validateName(topic);
        String path = ZkPaths.topic(topic);
        Stat stat = new Stat();
        try {
            byte[] data = curator.getData().storingStatIn(stat).forPath(path);
            TopicMetadata metadata = TopicCodec.fromJson(topic, Json.parseObject(path, data));
            if (metadata.partitionCount() == 0) {
                throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic '" + topic + "' is still being created");
            }
            return new Versioned<>(metadata, stat.getVersion());
        } catch (KeeperException.NoNodeException e) {
            throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic '" + topic + "' does not exist");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    /**
     * Writes {@code topic} if its znode is still at {@code version}.
     *
     * @return false when the version moved on (someone else wrote the topic meanwhile)
     * @throws io.ferrymq.common.errors.ApiException {@code UNKNOWN_TOPIC_OR_PARTITION} when it was deleted
     */
    boolean writeIfUnchanged(TopicMetadata topic, int version) {
        try {
            curator.setData().withVersion(version).forPath(ZkPaths.topic(topic.name()), Json.bytes(TopicCodec.toJson(topic)));
            return true;
        } catch (KeeperException.BadVersionException e) {
            return false;
        } catch (KeeperException.NoNodeException e) {
            throw ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.exception("topic '" + topic.name() + "' was deleted meanwhile");
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing " + ZkPaths.topic(topic.name()), e);
        }
    }

    /** {@link #writeIfUnchanged}, with a concurrent change refused as {@code INVALID_REQUEST} (retry). */
    void write(TopicMetadata topic, int version) {
        if (!writeIfUnchanged(topic, version)) {
            throw ErrorCode.INVALID_REQUEST.exception("topic '" + topic.name() + "' was changed concurrently; retry");
        }
    }
}
